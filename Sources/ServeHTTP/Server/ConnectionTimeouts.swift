internal import NIOCore
internal import Serve

/// The first handler on each connection: it sees the raw bytes, so it can time a request from its first
/// byte, before the HTTP parser has a whole head. It closes a keep-alive connection that stays idle too
/// long, and answers 408 and closes one whose client takes too long to send a request (slowloris).
///
/// ``RequestHandler`` reports each request's progress. One check runs a few times per timeout instead of
/// a timer per request, so a request only costs reading the clock.
final class ConnectionTimeouts: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum Phase {
        /// Waiting for the next request: the idle timeout runs.
        case idle
        /// Part of a request has arrived: the read timeout runs.
        case reading
        /// The whole request is in; the response is being made (a call's own timeout covers this).
        case busy
    }

    private let idleTimeout: TimeAmount
    private let readTimeout: TimeAmount
    private let checkInterval: TimeAmount
    private var phase = Phase.idle
    private var deadline = NIODeadline.distantFuture
    /// Bytes of a pipelined request arrived while busy: its read time starts when the response is sent.
    private var receivedWhileBusy = false
    private var check: Scheduled<Void>?
    /// The connection's event loop, whose clock times everything (a test's embedded loop moves it by hand).
    private var eventLoop: (any EventLoop)?

    init(idle: Duration, read: Duration) {
        idleTimeout = TimeAmount(idle)
        readTimeout = TimeAmount(read)
        let shortest = min(idleTimeout, readTimeout)
        checkInterval = min(max(.nanoseconds(shortest.nanoseconds / 4), .milliseconds(10)), .seconds(1))
    }

    func handlerAdded(context: ChannelHandlerContext) {
        eventLoop = context.eventLoop
    }

    private var now: NIODeadline { eventLoop?.now ?? .now() }

    func channelActive(context: ChannelHandlerContext) {
        deadline = now + idleTimeout
        scheduleCheck(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        check?.cancel()
        check = nil
        context.fireChannelInactive()
    }

    /// The client closed its side: said at once, as ``ClientClosedInput``, to the handlers after NIO's
    /// pipeline handler, which holds the half-close itself back until the answers owed are written.
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .inputClosed = event as? ChannelEvent { context.fireUserInboundEventTriggered(ClientClosedInput()) }
        context.fireUserInboundEventTriggered(event)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch phase {
        case .idle: startReading()
        case .busy: receivedWhileBusy = true
        case .reading: break
        }
        context.fireChannelRead(data)
    }

    /// A request head was parsed (possibly one that was pipelined behind the previous request).
    func requestStarted() {
        if phase == .idle { startReading() }
    }

    /// The whole request has arrived.
    func requestReceived() {
        phase = .busy
    }

    /// The response was written; the connection waits for the next request.
    func responseSent() {
        if receivedWhileBusy {
            receivedWhileBusy = false
            startReading()
        } else {
            phase = .idle
            deadline = now + idleTimeout
        }
    }

    private func startReading() {
        phase = .reading
        deadline = now + readTimeout
    }

    private func scheduleCheck(context: ChannelHandlerContext) {
        check = context.eventLoop.assumeIsolated().scheduleTask(in: checkInterval) {
            self.checkDeadline(context: context)
        }
    }

    private func checkDeadline(context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        if phase != .busy, now >= deadline {
            if phase == .reading {
                context.writeAndFlush(wrapOutboundOut(Self.requestTimeout(context.channel.allocator)))
                    .assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            } else {
                context.close(promise: nil)
            }
            return
        }
        scheduleCheck(context: context)
    }

    /// A complete 408 response, written below the HTTP encoder because no request head may exist yet.
    private static func requestTimeout(_ allocator: ByteBufferAllocator) -> ByteBuffer {
        var writer = JSONWriter(capacity: 96)
        RequestError(status: 408, message: "The request was not received in time; the connection is closed.")
            .body.write(to: &writer)
        var buffer = allocator.buffer(capacity: 256)
        buffer.writeString(
            "HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\ncontent-length: \(writer.count)\r\n"
                + "x-content-type-options: nosniff\r\nconnection: close\r\n\r\n")
        writer.withUnsafeBytes { _ = buffer.writeBytes($0) }
        return buffer
    }
}

/// The client closed its side of the connection (a read reached its end), told as soon as it happens.
struct ClientClosedInput {}
