internal import Serve

/// The cap on function calls running at once (`--max-in-flight`): a call over it is refused (over HTTP
/// with 503 and `Retry-After`) instead of queued without end. HTTP and gRPC calls share it.
struct InFlightLimit: Sendable {
    let state: ServerState

    /// Runs the call bound from `arguments` within the limit: a synchronous function now, an `async` one
    /// as the work the caller runs (which leaves the limit when the work ends, or as soon as the caller
    /// abandons it). `answer` makes the answer from the JSON result (a response with the JSON as it is,
    /// unless a protocol wraps it); `refusal` turns what an `async` function throws into the protocol's
    /// error (what a synchronous one throws reaches the caller as it is).
    func call<Answer>(
        _ function: BoundFunction,
        label: String,
        arguments: Arguments,
        answer: @escaping @Sendable (JSONOutput) throws -> Answer,
        refusal: @escaping @Sendable (any Error) -> any Error = { $0 }
    ) throws -> CallOutcome<Answer> {
        var arguments = arguments
        return try call(
            function, label: label,
            immediate: { run in
                var writer = JSONWriter()
                try run((), &arguments, &writer)
                return JSONOutput(writer)
            },
            deferred: { bind in try bind((), &arguments) },
            answer: answer, refusal: refusal)
    }

    /// Runs a call within the limit, given how to run a synchronous function (`immediate`) and how to
    /// bind an `async` one (`deferred`).
    func call<Answer>(
        _ function: BoundFunction,
        label: String,
        immediate: (RequestBinding.ImmediateCall) throws -> JSONOutput,
        deferred: (RequestBinding.DeferredCall) throws -> @Sendable () async throws -> JSONOutput,
        answer: @escaping @Sendable (JSONOutput) throws -> Answer,
        refusal: @escaping @Sendable (any Error) -> any Error = { $0 }
    ) throws -> CallOutcome<Answer> {
        switch function.call {
        case .immediate(let call):
            return try run(label: label) { try answer(try immediate(call)) }
        case .deferred(let bind):
            return try runLater(label: label, waitsOnBatcher: function.batches != nil, refusal: refusal) {
                let work = try deferred(bind)
                return { try answer(try await work()) }
            }
        }
    }

    /// Binds a call within the limit and runs the work `bind` returns as a task, which leaves the limit
    /// when the work ends, or as soon as the caller abandons it. Binding comes after the limit is entered,
    /// so a call refused for the limit is never bound (a bound model call may already be queued). The work of a
    /// call that `waitsOnBatcher` runs on the connection's event loop: it only waits. What the work throws
    /// goes through `refusal` (a protocol's own statuses).
    func runLater<Answer>(
        label: String, waitsOnBatcher: Bool, refusal: @escaping @Sendable (any Error) -> any Error = { $0 },
        _ bind: () throws -> @Sendable () async throws -> Answer
    ) throws -> CallOutcome<Answer> {
        guard state.enter() else { throw busy }
        let work: @Sendable () async throws -> Answer
        do {
            work = try bind()
        } catch {
            state.leave()
            throw error
        }
        let slot = CallSlot(state: state)
        return .run(function: label, slot: slot, onEventLoop: waitsOnBatcher) {
            defer { slot.release() }
            do {
                return try await work()
            } catch {
                throw refusal(error)
            }
        }
    }

    /// Runs synchronous `work` now, within the limit.
    func run<Answer>(label: String, _ work: () throws -> Answer) throws -> CallOutcome<Answer> {
        guard state.enter() else { throw busy }
        defer { state.leave() }
        return .respond(try work(), function: label)
    }

    /// The refusal of a call over the limit (503).
    private var busy: RequestError {
        RequestError(
            status: 503, message: "The service is busy: \(state.maximumInFlight) calls are in flight. Retry shortly.")
    }
}
