internal import NIOCore
internal import NIOHTTP1
internal import NIOPosix
internal import Serve

/// One request and its response over a fresh connection, with SwiftNIO: what `serve healthcheck`,
/// `serve list`, `serve call` and live tests send. Keeps the `serve` binary free of URLSession and libcurl.
package struct HTTPExchange: Sendable {
    /// Where to send it.
    package var url: ServiceURL
    /// Seconds for connecting and for the whole answer.
    package var timeoutSeconds: Double
    /// Sent as `Authorization: Bearer …` when set.
    package var token: String?

    package init(url: ServiceURL, timeoutSeconds: Double, token: String? = nil) {
        self.url = url
        self.timeoutSeconds = timeoutSeconds
        self.token = token
    }

    /// The response: status code, header fields and body.
    package struct Answer: Sendable {
        package var status: Int
        package var headers: [(name: String, value: String)]
        package var body: [UInt8]
    }

    /// Why there is no response.
    package enum Failure: Error, CustomStringConvertible {
        case cannotConnect(String)
        case noAnswer(seconds: Double)
        case closedEarly
        case broken(String)

        package var description: String {
            switch self {
            case .cannotConnect(let reason): "cannot connect (\(reason))"
            case .noAnswer(let seconds): "no answer within \(seconds) s"
            case .closedEarly: "the connection closed before a whole response"
            case .broken(let reason): "the connection broke (\(reason))"
            }
        }
    }

    /// Sends `method path` (the URL's path joined with `path`) with `headers` and an optional body, JSON
    /// unless `headers` give a Content-Type.
    package func send(
        _ method: String, path: String, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil
    ) async throws(Failure) -> Answer {
        let timeout = TimeAmount.nanoseconds(Int64(timeoutSeconds * 1e9))
        let group = MultiThreadedEventLoopGroup.singleton
        let response = group.next().makePromise(of: Answer.self)
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

        var head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: method), uri: url.joined(path))
        head.headers.add(name: "Host", value: url.authority)
        head.headers.add(name: "Connection", value: "close")
        if let token { head.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for header in headers { head.headers.add(name: header.name, value: header.value) }
        if let body {
            if !head.headers.contains(name: "content-type") {
                head.headers.add(name: "Content-Type", value: "application/json")
            }
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
    private let response: EventLoopPromise<HTTPExchange.Answer>
    private var status = 0
    private var headers: [(name: String, value: String)] = []
    private var body: [UInt8] = []

    init(response: EventLoopPromise<HTTPExchange.Answer>) {
        self.response = response
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = Int(head.status.code)
            headers = head.headers.map { ($0.name, $0.value) }
        case .body(let buffer): body += buffer.readableBytesView
        case .end: response.succeed(HTTPExchange.Answer(status: status, headers: headers, body: body))
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
    package func get(path: String) async throws -> [UInt8] {
        try Self.body(of: await exchange("GET", path: path, json: nil))
    }

    package func post(path: String, json body: [UInt8]) async throws -> [UInt8] {
        try Self.body(of: await exchange("POST", path: path, json: body))
    }

    /// ``send(_:path:json:)``, with a connection failure as a ``RemoteCallError`` naming the service.
    private func exchange(_ method: String, path: String, json body: [UInt8]?) async throws(RemoteCallError)
        -> Answer
    {
        do {
            return try await send(method, path: path, body: body)
        } catch {
            throw RemoteCallError(status: nil, message: "\(url): \(error)")
        }
    }

    private static func body(of response: Answer) throws(RemoteCallError) -> [UInt8] {
        guard response.status == 200 else { throw RemoteCallError(status: response.status, body: response.body) }
        return response.body
    }
}
