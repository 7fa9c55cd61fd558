internal import Serve

/// The cap on function calls running at once (`--max-in-flight`): a call over it is refused with 503 and
/// `Retry-After` instead of queued without end.
struct InFlightLimit: Sendable {
    let state: ServerState

    /// Runs a bound call within the limit: a synchronous one now, an `async` one as the work the caller
    /// runs (which leaves the limit when the work ends, or as soon as the caller abandons it). `answer`
    /// makes the response from the result: the JSON as it is, unless a protocol wraps it.
    func call(
        _ function: BoundFunction,
        label: String,
        immediate: (RequestBinding.ImmediateCall) throws -> JSONOutput,
        deferred: (RequestBinding.DeferredCall) throws -> @Sendable () async throws -> JSONOutput,
        answer: @escaping @Sendable (JSONOutput) throws -> Response = { .json($0) }
    ) throws -> Outcome {
        guard state.enter() else {
            let error = RequestError(
                status: 503,
                message: "The service is busy: \(state.maximumInFlight) calls are in flight. Retry shortly.")
            return .respond(.error(error, headers: [("retry-after", "1")]), function: label)
        }
        switch function.call {
        case .immediate(let call):
            defer { state.leave() }
            return .respond(try answer(try immediate(call)), function: label)
        case .deferred(let bind):
            let work: @Sendable () async throws -> JSONOutput
            do {
                work = try deferred(bind)
            } catch {
                state.leave()
                throw error
            }
            let slot = CallSlot(state: state)
            return .run(function: label, slot: slot) {
                defer { slot.release() }
                return try answer(try await work())
            }
        }
    }
}
