internal import Synchronization

/// An `async` call's place under the in-flight limit, given back exactly once: when the call ends, or at
/// once when it is abandoned (its client went away, or its timeout passed) and its task cancelled, so the
/// in-flight count says so without waiting for the task to notice.
package final class CallSlot: Sendable {
    private let state: ServerState
    private let released = Atomic(false)

    init(state: ServerState) {
        self.state = state
    }

    /// Gives the place back; later calls do nothing.
    package func release() {
        if released.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged { state.leave() }
    }
}
