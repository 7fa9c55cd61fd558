internal import Serve

/// One job of answering requests, in the order ``Router`` chains them: each answers the request or passes
/// it on by returning nil. A new kind of route (a protocol, a model's routes) is a responder of its own,
/// placed in the chain without touching the others.
protocol Responder: Sendable {
    /// The outcome of `request`, or nil to let the next responder see it.
    func respond(to request: Request) -> Outcome?
}

/// What a call leads to: its answer now, or the work that answers. HTTP answers with a ``Response``
/// (``Outcome``); the Open Inference Protocol's gRPC service with its own messages.
package enum CallOutcome<Answer> {
    /// An answer made at once; `function` names the function called, if any (for metrics).
    case respond(Answer, function: String?)
    /// An `async` function was bound; run `work` and send its result. `slot` is its place under the
    /// in-flight limit, given back when the work ends or when the call is abandoned. Work that only waits
    /// (a batched call, computed on the batcher's thread) runs `onEventLoop`; any other on the pool.
    case run(function: String, slot: CallSlot, onEventLoop: Bool, work: @Sendable () async throws -> Answer)
}

/// What an HTTP request leads to.
typealias Outcome = CallOutcome<Response>

extension CallOutcome where Answer == Response {
    /// A response that concerns no function.
    static func plain(_ response: Response) -> Outcome { .respond(response, function: nil) }
}
