internal import NIOCore
internal import NIOHTTP1
internal import NIOPosix
package import Serve

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

    /// Sends `request` (its path joined to the URL's) and returns the whole response.
    package func send(_ request: RemoteRequest) async throws(Failure) -> RemoteResponse {
        let timeout = TimeAmount.nanoseconds(Int64(timeoutSeconds * 1e9))
        let group = MultiThreadedEventLoopGroup.singleton
        let response = group.next().makePromise(of: RemoteResponse.self)
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

        var request = request
        if let token { request.headers.append(("Authorization", "Bearer \(token)")) }
        for part in request.parts(uri: url.joined(request.path), host: url.authority, closing: true) {
            channel.write(part, promise: nil)
        }
        channel.flush()
        do {
            return try await response.futureResult.get()
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .broken("\(error)")
        }
    }
}

/// Gathers one response, or fails if the connection ends first.
private final class ResponseCollector: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    private let response: EventLoopPromise<RemoteResponse>
    private var accumulator = ResponseAccumulator()

    init(response: EventLoopPromise<RemoteResponse>) {
        self.response = response
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if let whole = accumulator.add(unwrapInboundIn(data)) { response.succeed(whole) }
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
    /// ``send(_:)``, with no response as a ``RemoteCallError`` naming the service.
    package func exchange(_ request: RemoteRequest) async throws(RemoteCallError) -> RemoteResponse {
        do {
            return try await send(request)
        } catch {
            throw RemoteCallError(status: nil, message: "\(url): \(error)")
        }
    }
}
