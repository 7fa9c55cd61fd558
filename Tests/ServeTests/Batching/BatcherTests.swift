import Synchronization
import Testing

@testable import Serve

#if canImport(Glibc)
    import Glibc
#endif

/// Adaptive batching: requests that arrive while a call runs become the next call, each answered with its
/// own result; a lone request goes at once; a full queue refuses; a cancelled request is never run.
@Suite struct BatcherTests {
    /// A batcher of integers whose calls answer `item × 10` (or fail for a negative item), recording each
    /// call's items; an item counts `item / 100` instances (at least one). When `holding`, its first call
    /// waits for ``release()``, so that requests queue behind it.
    final class Recorder: Sendable {
        /// What the calls saw, shared with the batcher's closures.
        final class Log: Sendable {
            let calls = Mutex<[[Int]]>([])
            let records = Mutex<[BatchRecord]>([])
            let held: Mutex<Bool>

            init(held: Bool) { self.held = Mutex(held) }
        }

        let log: Log
        let batcher: Batcher<Int, Int>

        init(limits: BatchLimits, holding: Bool = false) {
            let log = Log(held: holding)
            self.log = log
            batcher = Batcher(limits: limits, instances: { max(1, $0 / 100) }) { items in
                log.calls.withLock { $0.append(items) }
                while log.held.withLock({ $0 }) { usleep(1000) }
                return items.map { item in item < 0 ? .failure(Refused(item: item)) : .success(item * 10) }
            }
            batcher.events.observe { record in log.records.withLock { $0.append(record) } }
        }

        /// Each call's items, in order.
        var calls: [[Int]] { log.calls.withLock { $0 } }

        /// Each call's record, in order.
        var records: [BatchRecord] { log.records.withLock { $0 } }

        /// Lets the held first call finish.
        func release() { log.held.withLock { $0 = false } }

        /// Waits until the first call is running and `count` instances wait behind it.
        func waitForQueue(_ count: Int) async {
            while calls.isEmpty || batcher.queuedInstances < count { await Task.yield() }
        }

        /// Submits `item` in `group`, expecting its own answer.
        func submit(_ item: Int, in group: inout ThrowingTaskGroup<Void, any Error>) {
            group.addTask {
                let answer = try await self.batcher.submit(item)
                #expect(answer == item * 10)
            }
        }

        /// Starts a call of 1 in `group` and waits until it runs (held), so that what follows queues.
        func startHeldCall(in group: inout ThrowingTaskGroup<Void, any Error>) async {
            submit(1, in: &group)
            await waitForQueue(0)
        }
    }

    struct Refused: Error, Equatable {
        let item: Int
    }

    @Test func aLoneRequestGoesAtOnceAlone() async throws {
        let recorder = Recorder(limits: BatchLimits(maximumSize: 8))
        #expect(try await recorder.batcher.submit(4) == 40)
        #expect(try await recorder.batcher.submit(5) == 50)
        #expect(recorder.calls == [[4], [5]])
        #expect(recorder.records.map(\.instances) == [1, 1])
    }

    @Test func requestsThatQueueDuringACallBecomeTheNextEachWithItsOwnAnswer() async throws {
        let recorder = Recorder(limits: BatchLimits(maximumSize: 4), holding: true)
        let answers = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            group.addTask { (0, try await recorder.batcher.submit(0)) }
            await recorder.waitForQueue(0)
            for item in 1...7 { group.addTask { (item, try await recorder.batcher.submit(item)) } }
            await recorder.waitForQueue(7)
            recorder.release()
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        #expect(answers == Dictionary(uniqueKeysWithValues: (0...7).map { ($0, $0 * 10) }))
        // The first call alone; the seven that queued behind it as calls of at most four.
        let calls = recorder.calls
        #expect(calls.map(\.count) == [1, 4, 3])
        #expect(Set(calls.dropFirst().joined()) == Set(1...7))
        #expect(recorder.records.map(\.instances) == [1, 4, 3])
    }

    @Test func aFailureConcernsOnlyItsOwnRequest() async throws {
        let recorder = Recorder(limits: BatchLimits(maximumSize: 8), holding: true)
        try await withThrowingTaskGroup(of: Void.self) { group in
            await recorder.startHeldCall(in: &group)
            group.addTask {
                await #expect(throws: Refused(item: -3)) { try await recorder.batcher.submit(-3) }
            }
            recorder.submit(2, in: &group)
            await recorder.waitForQueue(2)
            recorder.release()
            try await group.waitForAll()
        }
        #expect(recorder.calls.map(\.count) == [1, 2])
    }

    @Test func aRequestBeyondTheQueuesRoomIsRefused() async throws {
        let recorder = Recorder(limits: BatchLimits(maximumSize: 8, maximumQueue: 3), holding: true)
        try await withThrowingTaskGroup(of: Void.self) { group in
            await recorder.startHeldCall(in: &group)
            // 300 counts as three instances: it fills the queue, so the next one is refused.
            recorder.submit(300, in: &group)
            await recorder.waitForQueue(3)
            await #expect(throws: BatchQueueFull.self) { try await recorder.batcher.submit(2) }
            recorder.release()
            try await group.waitForAll()
        }
    }

    @Test func aRequestCancelledWhileItWaitsIsNeverRun() async throws {
        let recorder = Recorder(limits: BatchLimits(maximumSize: 8), holding: true)
        try await withThrowingTaskGroup(of: Void.self) { group in
            await recorder.startHeldCall(in: &group)
            let cancelled = Task { try await recorder.batcher.submit(7) }
            await recorder.waitForQueue(1)
            cancelled.cancel()
            await #expect(throws: CancellationError.self) { try await cancelled.value }
            #expect(recorder.batcher.queuedInstances == 0)
            recorder.submit(2, in: &group)
            await recorder.waitForQueue(1)
            recorder.release()
            try await group.waitForAll()
        }
        #expect(recorder.calls == [[1], [2]])
    }

    @Test func aRequestLargerThanACallRunsAlone() async throws {
        let recorder = Recorder(limits: BatchLimits(maximumSize: 2), holding: true)
        try await withThrowingTaskGroup(of: Void.self) { group in
            await recorder.startHeldCall(in: &group)
            recorder.submit(500, in: &group)
            await recorder.waitForQueue(5)
            recorder.submit(3, in: &group)
            await recorder.waitForQueue(6)
            recorder.release()
            try await group.waitForAll()
        }
        #expect(recorder.calls == [[1], [500], [3]])
    }

    @Test func aCallFormedUnderLoadWaitsForMoreWithinTheLimit() async throws {
        let recorder = Recorder(limits: BatchLimits(maximumSize: 8, maximumWait: .milliseconds(300)), holding: true)
        try await withThrowingTaskGroup(of: Void.self) { group in
            await recorder.startHeldCall(in: &group)
            recorder.submit(2, in: &group)
            await recorder.waitForQueue(1)
            recorder.release()
            // The call of 2 waits up to 300 ms for company: 3, sent now, joins it.
            recorder.submit(3, in: &group)
            try await group.waitForAll()
        }
        #expect(recorder.calls == [[1], [2, 3]])
    }

    @Test func aRequestCancelledWhileItsCallWaitsToFillIsNeverRun() async throws {
        let recorder = Recorder(limits: BatchLimits(maximumSize: 8, maximumWait: .milliseconds(500)), holding: true)
        try await withThrowingTaskGroup(of: Void.self) { group in
            await recorder.startHeldCall(in: &group)
            let cancelled = Task { try await recorder.batcher.submit(2) }
            recorder.submit(3, in: &group)
            await recorder.waitForQueue(2)
            recorder.release()
            // The call of 2 and 3 now waits for company; 2's client goes meanwhile.
            try await Task.sleep(for: .milliseconds(100))
            cancelled.cancel()
            await #expect(throws: CancellationError.self) { try await cancelled.value }
            try await group.waitForAll()
        }
        #expect(recorder.calls == [[1], [3]])
    }

    /// The call may wait an hour for company; the test's limit fails it long before, unless filling the
    /// call sends it at once.
    @Test(.timeLimit(.minutes(5))) func aCallStopsWaitingOnceItIsFull() async throws {
        let recorder = Recorder(limits: BatchLimits(maximumSize: 2, maximumWait: .seconds(3600)), holding: true)
        try await withThrowingTaskGroup(of: Void.self) { group in
            await recorder.startHeldCall(in: &group)
            recorder.submit(2, in: &group)
            await recorder.waitForQueue(1)
            recorder.release()
            recorder.submit(3, in: &group)  // fills the call of 2
            try await group.waitForAll()
        }
        #expect(recorder.calls == [[1], [2, 3]])
    }
}
