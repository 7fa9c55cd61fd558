import Synchronization

/// How far adaptive batching may go: ``Batcher``'s settings, counted in instances (a request carrying 10
/// rows is 10 of them).
public struct BatchLimits: Sendable, Equatable {
    /// The most instances one call may carry.
    public var maximumSize: Int
    /// How long a call about to start with fewer than ``maximumSize`` instances waits for others to join.
    /// Zero (the default) never waits: a call takes whoever queued while the one before it ran, and the
    /// first request of an idle batcher goes at once.
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
/// A request that finds the batcher idle runs at once, alone. Requests that arrive while a call runs queue
/// up; when it ends, the requests queued (up to ``BatchLimits/maximumSize`` instances, in arrival order)
/// become the next call, run by the first of them. So a lone client never waits for others, and under load
/// each call takes whoever arrived during the one before it. A request whose task is cancelled while it
/// waits leaves the queue and is never run.
public final class Batcher<Item: Sendable, Answer: Sendable>: Sendable {
    /// Runs one call: an answer (or error) for each item, in order.
    public typealias Run = @Sendable ([Item]) -> [Result<Answer, any Error>]

    private struct Waiter: Sendable {
        let id: UInt64
        let item: Item
        let instances: Int
        let arrived: ContinuousClock.Instant
        let continuation: CheckedContinuation<Turn, any Error>
    }

    /// What a waiting request is resumed with: its answer, or the call it is to run (itself first).
    private enum Turn: Sendable {
        case answered(Result<Answer, any Error>)
        case run([Waiter])
    }

    private struct State: Sendable {
        var queue: [Waiter] = []
        var queuedInstances = 0
        var running = false
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())
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

    /// `item`'s answer, from a call that may carry other requests' items too.
    public func submit(_ item: Item) async throws -> Answer {
        let size = instances(item)
        let arrived = ContinuousClock.now
        let leads = try state.withLock { state throws(BatchQueueFull) -> Bool in
            if !state.running {
                state.running = true
                return true
            }
            guard state.queuedInstances + size <= limits.maximumQueue else {
                throw BatchQueueFull(queued: state.queuedInstances)
            }
            return false
        }
        if leads {
            return try await runCalls(
                first: [], own: item, ownInstances: size, arrived: arrived
            ).get()
        }
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        let turn = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Turn, any Error>) in
                let waiter = Waiter(
                    id: id, item: item, instances: size, arrived: arrived, continuation: continuation)
                let queued = state.withLock { state in
                    guard !Task.isCancelled else { return false }
                    state.queue.append(waiter)
                    state.queuedInstances += size
                    return true
                }
                if !queued { continuation.resume(throwing: CancellationError()) }
            }
        } onCancel: {
            let removed = state.withLock { state -> Waiter? in
                guard let index = state.queue.firstIndex(where: { $0.id == id }) else { return nil }
                state.queuedInstances -= state.queue[index].instances
                return state.queue.remove(at: index)
            }
            removed?.continuation.resume(throwing: CancellationError())
        }
        switch turn {
        case .answered(let answer):
            return try answer.get()
        case .run(let waiters):
            return try await runCalls(first: waiters, own: nil, ownInstances: 0, arrived: arrived).get()
        }
    }

    /// Runs the call of `own` (a request that found the batcher idle) or of `waiters` (the first of them
    /// this task's own), answers the others, and hands the next call to the first request still queued.
    private func runCalls(first waiters: [Waiter], own: Item?, ownInstances: Int, arrived: ContinuousClock.Instant)
        async -> Result<Answer, any Error>
    {
        var waiters = waiters
        if own == nil, !waiters.isEmpty, limits.maximumWait > .zero {
            let count = waiters.reduce(0) { $0 + $1.instances }
            if count < limits.maximumSize {
                try? await Task.sleep(for: limits.maximumWait)
                waiters += state.withLock { take(&$0, room: limits.maximumSize - count, firstWhateverItsSize: false) }
            }
        }
        let start = ContinuousClock.now
        let items = (own.map { [$0] } ?? []) + waiters.map(\.item)
        let waits = (own == nil ? [] : [start - arrived]) + waiters.map { start - $0.arrived }
        events.publish(BatchRecord(instances: ownInstances + waiters.reduce(0) { $0 + $1.instances }, waits: waits))
        var answers = run(items)
        if answers.count != items.count {
            answers = Array(repeating: .failure(BatchAnswerCountMismatch(items: items.count)), count: items.count)
        }
        let next = state.withLock { state -> [Waiter] in
            let batch = take(&state, room: limits.maximumSize, firstWhateverItsSize: true)
            if batch.isEmpty { state.running = false }
            return batch
        }
        let others = own == nil ? waiters.dropFirst() : waiters[...]
        for (waiter, answer) in zip(others, answers.dropFirst()) {
            waiter.continuation.resume(returning: .answered(answer))
        }
        next.first?.continuation.resume(returning: .run(next))
        return answers[0]
    }

    /// The queued requests, in order, up to `room` instances; a first one larger than that is taken alone
    /// when `firstWhateverItsSize`.
    private func take(_ state: inout State, room: Int, firstWhateverItsSize: Bool) -> [Waiter] {
        var taken = 0
        var count = 0
        for waiter in state.queue {
            guard taken + waiter.instances <= room || (count == 0 && firstWhateverItsSize) else { break }
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
