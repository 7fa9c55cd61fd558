package import NIOCore

/// Flushes the answers written on one event loop together: the first of a loop iteration at once, the
/// others once the loop has handled every connection that was ready, instead of one flush per answer.
///
/// Each flush is a `writev` that wakes the client. When the client's CPU has gone idle, waking it costs
/// the server more than making an answer: an interrupt to that CPU, a VM exit under KVM. A server that
/// flushes each answer as it is made wakes an idle client for nearly every answer. Flushed together, one
/// wake-up serves many answers. An answer waits only for the other connections that were ready at the
/// same time; a lone client's waits for none.
///
/// One batch per event loop. Only handlers on that loop call it, so its state needs no lock.
package final class FlushBatch: @unchecked Sendable {
    /// The loop whose connections this batch flushes.
    let eventLoop: any EventLoop
    /// Whether the loop has flushed an answer since it last ran its tasks: then answers wait for them.
    private var batchOpen = false
    /// Connections with answers written and not yet flushed.
    private var pending: [ChannelHandlerContext] = []
    /// The connections being flushed; kept apart, so a flush that leads to another answer starts the next batch.
    private var flushing: [ChannelHandlerContext] = []

    /// A batch for the connections of `eventLoop`.
    package init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    /// Flushes `context`: at once when it is the first answer since the loop last ran its tasks (a lone
    /// client waits no longer than before), else with the others once the loop has handled the connections
    /// that are ready now.
    func flushSoon(_ context: ChannelHandlerContext) {
        eventLoop.assertInEventLoop()
        guard batchOpen else {
            batchOpen = true
            context.flush()
            eventLoop.assumeIsolated().execute { self.flushAll() }
            return
        }
        pending.append(context)
    }

    private func flushAll() {
        batchOpen = false
        swap(&pending, &flushing)
        for context in flushing { context.flush() }
        flushing.removeAll(keepingCapacity: true)
    }
}

/// The first handler of a connection whose answers go through a ``FlushBatch``: whoever closes the
/// connection (a client's half-close, a drain, a timeout), what its answers left unflushed is sent first,
/// not dropped.
final class FlushBeforeClose: ChannelOutboundHandler {
    typealias OutboundIn = ByteBuffer

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        if mode != .input { context.flush() }
        context.close(mode: mode, promise: promise)
    }
}
