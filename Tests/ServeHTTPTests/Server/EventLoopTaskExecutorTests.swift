import Dispatch
import NIOCore
import NIOPosix
import Testing

@testable import ServeHTTP

/// A task preferring the event loop's executor starts on the loop and comes back to it after waiting for
/// another thread, as a batched call waits for the batcher's.
@Suite struct EventLoopTaskExecutorTests {
    @Test func aTaskRunsOnTheLoopBeforeAndAfterWaitingForAnotherThread() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let places = await Task(executorPreference: EventLoopTaskExecutor(loop)) {
            let before = loop.inEventLoop
            let elsewhere = await withCheckedContinuation { continuation in
                DispatchQueue(label: "elsewhere").async { continuation.resume(returning: loop.inEventLoop) }
            }
            return [before, elsewhere, loop.inEventLoop]
        }.value
        #expect(places == [true, false, true])
        try await group.shutdownGracefully()
    }
}
