internal import NIOCore
internal import NIOHTTP1
internal import NIOPosix

/// One `GET` to a running service, for `serve healthcheck`: connects, sends the request and reads the
/// status line, all within a time limit. Blocking; never call it from an event loop.
enum HealthProbe {
    /// Why a probe got no status.
    enum Failure: Error, CustomStringConvertible {
        case cannotConnect(String)
        case noAnswer(seconds: Double)
        case closedEarly

        var description: String {
            switch self {
            case .cannotConnect(let reason): "cannot connect (\(reason))"
            case .noAnswer(let seconds): "no answer within \(seconds) s"
            case .closedEarly: "the connection closed before a response"
            }
        }
    }

    /// The status code of `GET path` on `host:port`.
    static func status(host: String, port: Int, path: String, timeoutSeconds: Double) throws -> Int {
        let timeout = TimeAmount.nanoseconds(Int64(timeoutSeconds * 1e9))
        let group = MultiThreadedEventLoopGroup.singleton
        let status = group.next().makePromise(of: Int.self)
        let channel: any Channel
        do {
            channel = try ClientBootstrap(group: group)
                .connectTimeout(timeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        try channel.pipeline.syncOperations.addHandler(StatusReader(status: status))
                    }
                }
                .connect(host: host, port: port)
                .wait()
        } catch {
            status.fail(error)  // a promise must be completed before it is released
            let reason = (error as? NIOConnectionError)?.connectionErrors.first.map { "\($0.error)" }
            throw Failure.cannotConnect(reason ?? "\(error)")
        }
        defer { channel.close(promise: nil) }
        let deadline = channel.eventLoop.scheduleTask(in: timeout) {
            status.fail(Failure.noAnswer(seconds: timeoutSeconds))
        }
        defer { deadline.cancel() }
        var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: path)
        head.headers.add(name: "Host", value: host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)")
        head.headers.add(name: "Connection", value: "close")
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        return try status.futureResult.wait()
    }
}

/// Completes the promise with the response's status code, or fails it if the connection ends first.
private final class StatusReader: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    private let status: EventLoopPromise<Int>

    init(status: EventLoopPromise<Int>) {
        self.status = status
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data) {
            status.succeed(Int(head.status.code))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        status.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        status.fail(HealthProbe.Failure.closedEarly)
    }
}
