internal import NIOCore

/// Runs a task's jobs on a connection's event loop: for a call that only waits (a batched call queues its
/// request and awaits the batcher's thread), so that neither the task's start nor its answer crosses to the
/// concurrency pool and back.
final class EventLoopTaskExecutor: TaskExecutor {
    private let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
