import Synchronization

/// What one batched call was: how many instances it carried, and how long each of its requests waited to
/// join it.
public struct BatchRecord: Sendable {
    /// The instances the call carried.
    public let instances: Int
    /// Each request's time in the queue, from its arrival to its call's start.
    public let waits: [Duration]
}

/// Where a ``Batcher`` tells of each call it makes: the server's metrics observe it.
public final class BatchEvents: Sendable {
    private let observers = Mutex<[@Sendable (BatchRecord) -> Void]>([])

    /// Events no one observes yet.
    public init() {}

    /// Calls `observer` with every call's record from now on.
    public func observe(_ observer: @escaping @Sendable (BatchRecord) -> Void) {
        observers.withLock { $0.append(observer) }
    }

    /// Tells every observer of `record`.
    func publish(_ record: BatchRecord) {
        for observer in observers.withLock({ $0 }) { observer(record) }
    }
}
