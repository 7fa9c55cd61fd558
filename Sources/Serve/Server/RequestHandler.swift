internal import Logging
internal import NIOCore
internal import NIOHTTP1

/// Reads one HTTP/1.1 request at a time (NIO's pipeline handler orders pipelined ones), enforces the
/// body limit, and writes the router's response. Synchronous functions run inline on the connection's
/// event loop; `async` ones run as tasks and answer when done.
final class RequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let router: Router
    private let maximumBodySize: Int
    private let logger: Logger

    private var head: HTTPRequestHead?
    private var body: ByteBuffer?
    private var started: NIODeadline = .now()
    /// Set once a response was sent early (body too large): the rest of the request is dropped.
    private var discarding = false
    /// Whether an `async` call is running for this connection (its response is still to come).
    private var awaitingResult = false

    init(router: Router, maximumBodySize: Int, logger: Logger) {
        self.router = router
        self.maximumBodySize = maximumBodySize
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body = nil
            started = .now()
            if let length = requestHead.headers.first(name: "content-length").flatMap(Int.init),
                length > maximumBodySize
            {
                rejectTooLarge(context: context)
            }
        case .body(var chunk):
            guard !discarding else { return }
            if body == nil {
                body = chunk
            } else {
                body!.writeBuffer(&chunk)
            }
            if body!.readableBytes > maximumBodySize { rejectTooLarge(context: context) }
        case .end:
            guard !discarding, let requestHead = head else { return }
            let requestBody = body
            head = nil
            body = nil
            switch router.route(requestHead, body: requestBody) {
            case .respond(let response):
                write(response, for: requestHead, context: context)
            case .run(let function, let work):
                let promise = context.eventLoop.makePromise(of: JSONOutput.self)
                promise.completeWithTask(work)
                awaitingResult = true
                promise.futureResult.assumeIsolated().whenComplete { result in
                    self.awaitingResult = false
                    switch result {
                    case .success(let output): self.write(.json(output), for: requestHead, context: context)
                    case .failure(let error):
                        let failure = Router.requestError(for: error, function: function)
                        self.write(.error(failure), for: requestHead, context: context)
                    }
                }
            }
        }
    }

    private func rejectTooLarge(context: ChannelHandlerContext) {
        guard let requestHead = head else { return }
        discarding = true
        body = nil
        let error = RequestError(status: 413, message: "The body is larger than the limit of \(maximumBodySize) bytes.")
        write(.error(error), for: requestHead, context: context, close: true)
    }

    private func write(
        _ response: Response, for request: HTTPRequestHead, context: ChannelHandlerContext, close: Bool = false
    ) {
        let keepAlive = request.isKeepAlive && !close
        var headers = HTTPHeaders()
        headers.reserveCapacity(4)
        headers.add(name: "content-type", value: response.contentType)
        headers.add(name: "content-length", value: String(response.body.readableBytes))
        if let allow = response.allow { headers.add(name: "allow", value: allow) }
        if !keepAlive { headers.add(name: "connection", value: "close") }
        let head = HTTPResponseHead(version: request.version, status: response.status, headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(response.body))), promise: nil)
        if keepAlive {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        } else {
            context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        }
        if logger.logLevel <= .info {
            let elapsed = Double((NIODeadline.now() - started).nanoseconds) / 1_000_000
            logger.info(
                "\(request.method.rawValue) \(request.uri) \(response.status.code) \(elapsed.formatted(decimals: 2)) ms"
            )
        }
    }

    /// Malformed HTTP gets a JSON 400 when no response is under way, then the connection closes.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is HTTPParserError, !awaitingResult, !discarding else {
            context.close(promise: nil)
            return
        }
        discarding = true
        let request = head ?? HTTPRequestHead(version: .http1_1, method: .RAW(value: "-"), uri: "-")
        let failure = RequestError(status: 400, message: "Malformed HTTP request (\(error)).")
        write(.error(failure), for: request, context: context, close: true)
    }
}

extension Double {
    /// The value with a fixed number of decimals, without Foundation.
    func formatted(decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((self * scale).rounded())
        let fraction = String(scaled % Int(scale))
        return "\(scaled / Int(scale)).\(String(repeating: "0", count: decimals - fraction.count))\(fraction)"
    }
}
