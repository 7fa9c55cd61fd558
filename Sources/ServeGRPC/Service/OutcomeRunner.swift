internal import GRPCCore
internal import Serve
internal import ServeHTTP
internal import Synchronization

/// Runs a call's outcome for a gRPC handler, as `RequestHandler` does for HTTP: an answer made at once is
/// returned; an `async` call runs as a task under the call timeout (504, `DEADLINE_EXCEEDED`). The task is
/// cancelled, and its place under the in-flight limit given back at once, when the timeout passes or the
/// RPC is cancelled. grpc-swift cancels an RPC when the client's deadline passes, and when its stream is
/// reset, its connection closes or the server stops, without saying which. A call whose client gave a
/// deadline (`clientTimeout`) is answered 504, `DEADLINE_EXCEEDED`, which is what that client expects (a
/// client that went before it reads no answer); one without a deadline is 499, `CANCELLED`, as its client
/// went first.
enum OutcomeRunner {
    static func answer<Answer: Sendable>(
        of outcome: CallOutcome<Answer>, timeout: Duration, clientTimeout: Duration?
    ) async throws -> Answer {
        let (function, slot, work): (String, CallSlot, @Sendable () async throws -> Answer)
        switch outcome {
        case .respond(let answer, _): return answer
        case .run(let name, let place, _, let call): (function, slot, work) = (name, place, call)
        }
        let task = Task { try await work() }
        let abandonment = Abandonment()
        let abandon: @Sendable (Abandonment.Reason) -> Void = { reason in
            guard abandonment.set(reason) else { return }
            task.cancel()
            slot.release()
        }
        let timer = Task {
            try await Task.sleep(for: timeout)
            abandon(.timeout)
        }
        let result = await withRPCCancellationHandler {
            await task.result
        } onCancelRPC: {
            abandon(clientTimeout == nil ? .client : .deadline)
        }
        timer.cancel()
        switch abandonment.reason {
        case .timeout:
            throw RequestError(
                status: 504,
                message: "\(function) did not finish within \(timeout.seconds.fixed(1)) s; it was cancelled.")
        case .deadline:
            throw RequestError(status: 504, message: "The client's deadline passed; \(function) was cancelled.")
        case .client:
            throw RequestError(status: 499, message: "The client cancelled the call; \(function) was cancelled.")
        case nil:
            return try result.get()
        }
    }

    /// Why a call was abandoned, set once.
    private final class Abandonment: Sendable {
        enum Reason: UInt8 {
            case timeout = 1
            case client = 2
            case deadline = 3
        }
        private let value = Atomic<UInt8>(0)

        /// Records `reason` unless one is recorded; whether it was.
        func set(_ reason: Reason) -> Bool {
            value.compareExchange(expected: 0, desired: reason.rawValue, ordering: .acquiringAndReleasing).exchanged
        }

        var reason: Reason? { Reason(rawValue: value.load(ordering: .acquiring)) }
    }
}
