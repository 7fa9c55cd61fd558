internal import Synchronization

/// What every connection of one server shares: whether it is draining, and how many function calls are
/// running (bounded, so overload is refused with 503 instead of queued without end).
package final class ServerState: Sendable {
    private let draining = Atomic(false)
    private let callsInFlight = Atomic(0)
    /// The most calls that may run at once.
    let maximumInFlight: Int

    init(maximumInFlight: Int) {
        self.maximumInFlight = maximumInFlight
    }

    /// Whether the server takes new work: false from the moment it starts draining.
    package var isReady: Bool { !draining.load(ordering: .relaxed) }

    /// Marks the server as draining: `/readyz` answers 503 from now on.
    func beginDraining() {
        draining.store(true, ordering: .relaxed)
    }

    /// Function calls running now.
    var inFlight: Int { callsInFlight.load(ordering: .relaxed) }

    /// Counts a call in, unless `maximumInFlight` are already running. Pair a `true` with ``leave()``.
    func enter() -> Bool {
        let count = callsInFlight.add(1, ordering: .relaxed).newValue
        guard count > maximumInFlight else { return true }
        callsInFlight.subtract(1, ordering: .relaxed)
        return false
    }

    /// Counts a call out.
    func leave() {
        callsInFlight.subtract(1, ordering: .relaxed)
    }
}
