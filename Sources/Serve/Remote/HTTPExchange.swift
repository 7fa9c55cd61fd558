internal import NIOCore
internal import NIOHTTP1
internal import NIOPosix

/// One request and its response over a fresh connection, with SwiftNIO: what `serve healthcheck`,
/// `serve list` and `serve call` send. Keeps the `serve` binary free of URLSession and libcurl.
struct HTTPExchange: Sendable {
    /// Where to send it.
    var url: ServiceURL
    /// Seconds for connecting and for the whole answer.
    var timeoutSeconds: Double
    /// Sent as `Authorization: Bearer …` when set.
    var token: String?

    /// The two methods it sends.
    enum Method: String, Sendable {
        case GET, POST
    }

    /// The response: status code and body.
    struct Response: Sendable {
        var status: Int
        var body: [UInt8]
    }

    /// Why there is no response.
    enum Failure: Error, CustomStringConvertible {
        case cannotConnect(String)
        case noAnswer(seconds: Double)
        case closedEarly
        case broken(String)

        var description: String {
            switch self {
            case .cannotConnect(let reason): "cannot connect (\(reason))"
            case .noAnswer(let seconds): "no answer within \(seconds) s"
            case .closedEarly: "the connection closed before a whole response"
            case .broken(let reason): "the connection broke (\(reason))"
            }
        }
    }

    /// Sends `method path` (the URL's path joined with `path`) with an optional JSON body.
    func send(_ method: Method, path: String, json body: [UInt8]? = nil) async throws(Failure) -> Response {
        let timeout = TimeAmount.nanoseconds(Int64(timeoutSeconds * 1e9))
        let group = MultiThreadedEventLoopGroup.singleton
        let response = group.next().makePromise(of: Response.self)
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(timeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        try channel.pipeline.syncOperations.addHandler(ResponseCollector(response: response))
                    }
                }
                .connect(host: url.host, port: url.port)
                .get()
        } catch {
            response.fail(error)  // a promise must be completed before it is released
            let reason = (error as? NIOConnectionError)?.connectionErrors.first.map { "\($0.error)" }
            throw .cannotConnect(reason ?? "\(error)")
        }
        defer { channel.close(promise: nil) }
        let deadline = channel.eventLoop.scheduleTask(in: timeout) {
            response.fail(Failure.noAnswer(seconds: timeoutSeconds))
        }
        defer { deadline.cancel() }

        var head = HTTPRequestHead(
            version: .http1_1, method: HTTPMethod(rawValue: method.rawValue), uri: url.joined(path))
        head.headers.add(name: "Host", value: url.authority)
        head.headers.add(name: "Connection", value: "close")
        if let token { head.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            head.headers.add(name: "Content-Type", value: "application/json")
            head.headers.add(name: "Content-Length", value: String(body.count))
        }
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        if let body { channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil) }
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        do {
            return try await response.futureResult.get()
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .broken("\(error)")
        }
    }
}

/// Gathers the status and body of one response, or fails if the connection ends first.
private final class ResponseCollector: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    private let response: EventLoopPromise<HTTPExchange.Response>
    private var status = 0
    private var body: [UInt8] = []

    init(response: EventLoopPromise<HTTPExchange.Response>) {
        self.response = response
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): status = Int(head.status.code)
        case .body(let buffer): body += buffer.readableBytesView
        case .end: response.succeed(HTTPExchange.Response(status: status, body: body))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        response.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        response.fail(HTTPExchange.Failure.closedEarly)
    }
}

extension HTTPExchange: RemoteService {
    func get(path: String) async throws -> [UInt8] {
        try Self.body(of: await exchange(.GET, path: path, json: nil))
    }

    func post(path: String, json body: [UInt8]) async throws -> [UInt8] {
        try Self.body(of: await exchange(.POST, path: path, json: body))
    }

    /// ``send(_:path:json:)``, with a connection failure as a ``RemoteCallError`` naming the service.
    private func exchange(_ method: Method, path: String, json body: [UInt8]?) async throws(RemoteCallError)
        -> Response
    {
        do {
            return try await send(method, path: path, json: body)
        } catch {
            throw RemoteCallError(status: nil, message: "\(url): \(error)")
        }
    }

    private static func body(of response: Response) throws(RemoteCallError) -> [UInt8] {
        guard response.status == 200 else { throw RemoteCallError(status: response.status, body: response.body) }
        return response.body
    }
}
