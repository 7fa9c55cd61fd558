import Dispatch
import Synchronization

/// How far adaptive batching may go: ``Batcher``'s settings, counted in instances (a request carrying 10
/// rows is 10 of them).
public struct BatchLimits: Sendable, Equatable {
    /// The most instances one call may carry.
    public var maximumSize: Int
    /// How long a call formed while another ran, with fewer than ``maximumSize`` instances, waits for
    /// others to join (it goes as soon as it is full). Zero (the default) never waits: a call takes whoever
    /// queued while the one before it ran. The first request of an idle batcher always goes at once.
    public var maximumWait: Duration
    /// The most instances that may wait; a request that would queue more is refused (``BatchQueueFull``).
    public var maximumQueue: Int

    /// Limits of `maximumSize` instances a call, waiting `maximumWait` for more, queueing `maximumQueue`.
    public init(maximumSize: Int = 32, maximumWait: Duration = .zero, maximumQueue: Int = 1024) {
        self.maximumSize = max(1, maximumSize)
        self.maximumWait = max(.zero, maximumWait)
        self.maximumQueue = max(0, maximumQueue)
    }
}

/// A request refused because the queue before a batched function is full: the service is busy (503).
public struct BatchQueueFull: Error, CustomStringConvertible {
    /// The instances already waiting.
    public let queued: Int

    public var description: String {
        "The service is busy: \(queued) instances are waiting for this function. Retry shortly."
    }
}

/// Combines concurrent requests into one call of `run`.
///
/// Calls run one at a time on a thread of their own (a serial dispatch queue), never on the concurrency
/// pool, so requests go on arriving and queueing while a call computes. A request that finds the batcher
/// idle starts a call at once, alone. Requests that arrive while a call runs queue up; when it ends, those
/// queued (up to ``BatchLimits/maximumSize`` instances, in arrival order) are the next call. So a lone
/// client never waits for others, and under load each call takes whoever arrived during the one before
/// it. A request whose task is cancelled while it waits leaves the queue and is never run. The task's
/// `QueueWait`, if the task has one, learns how long it waited.
public final class Batcher<Item: Sendable, Answer: Sendable>: Sendable {
    /// Runs one call: an answer (or error) for each item, in order.
    public typealias Run = @Sendable ([Item]) -> [Result<Answer, any Error>]

    private struct Waiter: Sendable {
        let id: UInt64
        let item: Item
        let instances: Int
        let arrived: ContinuousClock.Instant
        let wait: QueueWait?
        let continuation: CheckedContinuation<Answer, any Error>
    }

    private struct State: Sendable {
        var queue: [Waiter] = []
        var queuedInstances = 0
        /// Whether the worker is draining the queue.
        var running = false
        /// Whether the worker waits for a call to fill up (``BatchLimits/maximumWait``): the request that
        /// fills it wakes the worker.
        var waitingToFill = false
    }

    /// What became of a request on arrival.
    private enum Arrival {
        case queued, fillsCall, startsWorker, refused(BatchQueueFull), cancelled
    }

    private let state = Mutex(State())
    /// Wakes the worker waiting for a call to fill up.
    private let filled = DispatchSemaphore(value: 0)
    private let lastID = Atomic<UInt64>(0)
    private let worker = DispatchQueue(label: "serve.batcher")
    /// The limits in force.
    public let limits: BatchLimits
    private let instances: @Sendable (Item) -> Int
    private let run: Run
    /// Where each call is told of, for metrics.
    public let events = BatchEvents()

    /// A batcher that runs `run` on up to `limits.maximumSize` instances at a time, counting an item's with
    /// `instances`.
    public init(limits: BatchLimits, instances: @escaping @Sendable (Item) -> Int, run: @escaping Run) {
        self.limits = limits
        self.instances = instances
        self.run = run
    }

    /// The instances waiting now.
    var queuedInstances: Int { state.withLock { $0.queuedInstances } }

    /// `item`'s answer, from a call that may carry other requests' items too. Throws ``BatchQueueFull``
    /// when the queue has no room for it, `CancellationError` when its task is cancelled before its call.
    public func submit(_ item: Item) async throws -> Answer {
        let size = instances(item)
        let arrived = ContinuousClock.now
        let id = lastID.wrappingAdd(1, ordering: .relaxed).newValue
        let wait = QueueWait.current
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Answer, any Error>) in
                let waiter = Waiter(
                    id: id, item: item, instances: size, arrived: arrived, wait: wait, continuation: continuation)
                let arrival = state.withLock { state -> Arrival in
                    guard !Task.isCancelled else { return .cancelled }
                    // An idle batcher takes any request; a busy one as many instances as the queue holds.
                    guard !state.running || state.queuedInstances + size <= limits.maximumQueue else {
                        return .refused(BatchQueueFull(queued: state.queuedInstances))
                    }
                    state.queue.append(waiter)
                    state.queuedInstances += size
                    if state.waitingToFill && state.queuedInstances >= limits.maximumSize {
                        state.waitingToFill = false
                        return .fillsCall
                    }
                    defer { state.running = true }
                    return state.running ? .queued : .startsWorker
                }
                switch arrival {
                case .queued: break
                case .fillsCall: filled.signal()
                case .startsWorker: worker.async { self.drain() }
                case .refused(let error): continuation.resume(throwing: error)
                case .cancelled: continuation.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            let removed = state.withLock { state -> Waiter? in
                guard let index = state.queue.firstIndex(where: { $0.id == id }) else { return nil }
                state.queuedInstances -= state.queue[index].instances
                return state.queue.remove(at: index)
            }
            removed?.continuation.resume(throwing: CancellationError())
        }
    }

    /// On the worker: runs calls until the queue is empty. The first call takes what is there at once;
    /// a later one, formed while a call ran, first waits up to ``BatchLimits/maximumWait`` for the queue
    /// to fill a call. The requests wait in the queue, so one cancelled meanwhile is never run.
    private func drain() {
        var first = true
        while true {
            if !first && limits.maximumWait > .zero {
                let waits = state.withLock { state in
                    state.waitingToFill = !state.queue.isEmpty && state.queuedInstances < limits.maximumSize
                    return state.waitingToFill
                }
                // A request that fills the call just after the timeout leaves a signal behind, which only
                // cuts the next wait short.
                if waits { _ = filled.wait(timeout: .now() + .microseconds(Int(limits.maximumWait.seconds * 1e6))) }
            }
            first = false
            let batch = state.withLock { state in
                state.waitingToFill = false
                let batch = take(&state)
                if batch.isEmpty { state.running = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            let start = ContinuousClock.now
            let waits = batch.map { start - $0.arrived }
            for (waiter, wait) in zip(batch, waits) { waiter.wait?.add(wait) }
            events.publish(BatchRecord(instances: batch.reduce(0) { $0 + $1.instances }, waits: waits))
            var answers = run(batch.map(\.item))
            if answers.count != batch.count {
                answers = Array(repeating: .failure(BatchAnswerCountMismatch(items: batch.count)), count: batch.count)
            }
            for (waiter, answer) in zip(batch, answers) { waiter.continuation.resume(with: answer) }
        }
    }

    /// The queued requests, in order, up to a call's instances; a first one larger than a call alone.
    private func take(_ state: inout State) -> [Waiter] {
        var taken = 0
        var count = 0
        for waiter in state.queue {
            guard taken + waiter.instances <= limits.maximumSize || count == 0 else { break }
            taken += waiter.instances
            count += 1
        }
        let batch = Array(state.queue.prefix(count))
        state.queue.removeFirst(count)
        state.queuedInstances -= taken
        return batch
    }
}

/// A batched function gave a different number of answers than it had items: its fault.
struct BatchAnswerCountMismatch: Error, CustomStringConvertible {
    let items: Int
    var description: String { "a batched call answered other than its \(items) requests" }
}
