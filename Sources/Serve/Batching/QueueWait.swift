import Synchronization

/// How long a request waited in a batcher's queue before its call started: the server sets one for each
/// batched request's task, and the ``Batcher`` adds to it as each of the request's calls starts (a request
/// larger than a call waits once per call), so the access log can say so.
package final class QueueWait: Sendable {
    /// The wait of the request whose task is running, if the server asked for it.
    @TaskLocal package static var current: QueueWait?

    private let nanoseconds = Atomic<Int64>(0)
    private let waited = Atomic<Bool>(false)

    package init() {}

    /// The time waited in all, or nil when the request never queued (it did not reach a batcher).
    package var duration: Duration? {
        waited.load(ordering: .acquiring) ? .nanoseconds(nanoseconds.load(ordering: .relaxed)) : nil
    }

    /// Adds one call's wait.
    func add(_ wait: Duration) {
        let (seconds, attoseconds) = wait.components
        nanoseconds.add(seconds * 1_000_000_000 + attoseconds / 1_000_000_000, ordering: .relaxed)
        waited.store(true, ordering: .releasing)
    }
}
