internal import NIOCore
internal import NIOHTTP1
internal import Serve

/// Reads one HTTP/1.1 request at a time (NIO's pipeline handler orders pipelined ones), enforces the
/// size limits, and writes the router's response with the headers every response carries. Synchronous
/// functions run inline on the connection's event loop; `async` ones run as tasks, cancelled with 504
/// when they outlive the call timeout.
final class RequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let router: Router
    private let limits: HTTPServer.Limits
    private let callTimeout: Duration
    private let timeouts: ConnectionTimeouts
    private let metrics: ServiceMetrics
    private let accessLog: (any AccessLog)?
    /// Flushes this loop's answers together; nil flushes each at once.
    private let flushes: FlushBatch?
    /// The metric series of the last answer, reused while the function and status stay the same (most
    /// connections call one function and succeed), so most requests skip the shared table and its lock.
    private var series: ServiceMetrics.Series?

    private var head: HTTPRequestHead?
    private var body: ByteBuffer?
    /// The body limit of the request being read (larger for functions that take files), once a body came
    /// near it.
    private var bodyLimit: Int?
    private var started: NIODeadline = .now()
    /// Set once a response was sent early (body too large, URI too long): what the client still sends is
    /// read and dropped for a while (see ``linger(context:)``), then the connection closes.
    private var discarding = false
    /// Bytes dropped since the early response.
    private var discarded = 0
    /// Counts `async` calls, so a result that arrives after its 504 is recognised and dropped.
    private var callNumber = 0
    /// Whether an `async` call is running for this connection (its response is still to come).
    private var awaitingResult = false
    /// The client half-closed: close once the response under way is written.
    private var inputClosed = false

    init(
        router: Router, limits: HTTPServer.Limits, callTimeout: Duration, timeouts: ConnectionTimeouts,
        metrics: ServiceMetrics, accessLog: (any AccessLog)?, flushes: FlushBatch?
    ) {
        self.router = router
        self.limits = limits
        self.callTimeout = callTimeout
        self.timeouts = timeouts
        self.metrics = metrics
        self.accessLog = accessLog
        self.flushes = flushes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head where discarding:
            return
        case .head(let requestHead):
            timeouts.requestStarted()
            head = requestHead
            body = nil
            started = .now()
            bodyLimit = nil
            if requestHead.uri.utf8.count > limits.maximumURILength {
                let message = "The request target is longer than the limit of \(limits.maximumURILength) bytes."
                reject(RequestError(status: 414, message: message), context: context)
            } else if let length = requestHead.headers.first(name: "content-length").flatMap(Int.init),
                isTooLarge(length, uri: requestHead.uri)
            {
                rejectTooLarge(context: context)
            } else if requestHead.version == .http1_1,
                requestHead.headers.first(name: "expect")?.lowercased() == "100-continue"
            {
                // `Expect: 100-continue` (curl sends it for bodies over 1 MiB): the client waits for this
                // before it sends the body; without it, it waits a second.
                let interim = HTTPResponseHead(version: requestHead.version, status: .continue)
                context.writeAndFlush(wrapOutboundOut(.head(interim)), promise: nil)
            }
        case .body(let chunk) where discarding:
            discarded += chunk.readableBytes
            if discarded > Self.lingerBytes { context.close(promise: nil) }
        case .body(var chunk):
            if body == nil {
                body = chunk
            } else {
                body!.writeBuffer(&chunk)
            }
            if isTooLarge(body!.readableBytes, uri: head?.uri ?? "") { rejectTooLarge(context: context) }
        case .end:
            guard !discarding, let requestHead = head else { return }
            timeouts.requestReceived()
            let requestBody = body
            head = nil
            body = nil
            switch router.route(requestHead, body: requestBody) {
            case .respond(let response, let function):
                write(response, for: requestHead, function: function, context: context)
            case .run(let function, let work):
                run(work, function: function, for: requestHead, context: context)
            }
        }
    }

    /// Runs an `async` call as a task and answers with its result, or with 504 (cancelling the task) when
    /// the call timeout passes first.
    private func run(
        _ work: @escaping @Sendable () async throws -> JSONOutput, function: String, for request: HTTPRequestHead,
        context: ChannelHandlerContext
    ) {
        callNumber += 1
        let number = callNumber
        awaitingResult = true
        let promise = context.eventLoop.makePromise(of: JSONOutput.self)
        let task = Task {
            do {
                promise.succeed(try await work())
            } catch {
                promise.fail(error)
            }
        }
        let timer = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(callTimeout)) {
            guard self.awaitingResult, self.callNumber == number else { return }
            self.awaitingResult = false
            task.cancel()
            let seconds = self.callTimeout.seconds.fixed(1)
            let error = RequestError(
                status: 504, message: "\(function) did not finish within \(seconds) s; it was cancelled.")
            self.write(.error(error), for: request, function: function, context: context)
        }
        promise.futureResult.assumeIsolated().whenComplete { result in
            guard self.awaitingResult, self.callNumber == number else { return }
            timer.cancel()
            self.awaitingResult = false
            switch result {
            case .success(let output):
                self.write(.json(output), for: request, function: function, context: context)
            case .failure(let error):
                let failure = RequestBinding.requestError(for: error, function: function)
                self.write(.error(failure), for: request, function: function, context: context)
            }
        }
    }

    /// Whether a body of `length` bytes is over the request's limit: the upload limit for a function that
    /// takes files, the body limit for any other. The path is compared only for a body over the smaller
    /// of the two, so most requests never pay for it.
    private func isTooLarge(_ length: Int, uri: String) -> Bool {
        guard length > min(limits.maximumBodySize, limits.maximumUploadSize) else { return false }
        let limit = bodyLimit ?? (router.takesUploads(uri) ? limits.maximumUploadSize : limits.maximumBodySize)
        bodyLimit = limit
        return length > limit
    }

    private func rejectTooLarge(context: ChannelHandlerContext) {
        let message = "The body is larger than the limit of \(bodyLimit ?? limits.maximumBodySize) bytes."
        reject(RequestError(status: 413, message: message), context: context)
    }

    /// Answers before the request is complete, then lingers: the rest of the request is read and dropped.
    private func reject(_ error: RequestError, context: ChannelHandlerContext) {
        guard let requestHead = head else { return }
        discarding = true
        body = nil
        write(.error(error), for: requestHead, function: nil, context: context, close: true, linger: true)
    }

    /// How long, and how many bytes, an early answer waits for the rest of a request before closing.
    static let lingerTime = TimeAmount.seconds(2)
    static let lingerBytes = 64 << 20

    /// Closes the output once the early answer is written, keeps reading (and dropping) what the client
    /// still sends for ``lingerTime`` or ``lingerBytes``, then closes, as nginx's lingering close does. A
    /// client that sends its whole body before it reads (Python's urllib) then reads the answer; closing at
    /// once would reset the connection under it and lose the answer.
    private func linger(context: ChannelHandlerContext) {
        context.close(mode: .output).assumeIsolated().whenFailure { _ in context.close(promise: nil) }
        context.eventLoop.assumeIsolated().scheduleTask(in: Self.lingerTime) { context.close(promise: nil) }
    }

    private func write(
        _ response: Response, for request: HTTPRequestHead, function: String?, context: ChannelHandlerContext,
        close: Bool = false, linger: Bool = false
    ) {
        let keepAlive = request.isKeepAlive && !close && !inputClosed
        let requestID = RequestID.id(from: request.headers.first(name: "x-request-id"))
        var headers: HTTPHeaders
        if response.contentType == "application/json" {
            headers = Self.jsonHeaders  // most answers: the fields every JSON answer has, made once
        } else {
            headers = HTTPHeaders()
            if let contentType = response.contentType { headers.add(name: "content-type", value: contentType) }
            headers.add(name: "x-content-type-options", value: "nosniff")
        }
        headers.reserveCapacity(6 + response.headers.count)
        headers.add(name: "content-length", value: String(response.body.readableBytes))
        headers.add(name: "x-request-id", value: requestID)
        for header in response.headers { headers.add(name: header.name, value: header.value) }
        if let origin = router.crossOrigin.allowedOrigin(request.headers.first(name: "origin")) {
            headers.add(name: "access-control-allow-origin", value: origin)
            headers.add(name: "access-control-expose-headers", value: CrossOriginPolicy.exposedHeaders)
            if origin != "*" { headers.add(name: "vary", value: "Origin") }
        }
        if !keepAlive { headers.add(name: "connection", value: "close") }
        let head = HTTPResponseHead(version: request.version, status: response.status, headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if response.body.readableBytes > 0 {
            context.write(wrapOutboundOut(.body(.byteBuffer(response.body))), promise: nil)
        }
        if keepAlive, let flushes {
            context.write(wrapOutboundOut(.end(nil)), promise: nil)
            flushes.flushSoon(context)
        } else if keepAlive {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        } else {
            context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
                if linger { self.linger(context: context) } else { context.close(promise: nil) }
            }
        }
        timeouts.responseSent()
        let elapsed = (NIODeadline.now() - started).nanoseconds
        let status = Int(response.status.code)
        let series =
            self.series.flatMap { $0.matches(function: function, status: status) ? $0 : nil }
            ?? metrics.series(function: function, status: status)
        self.series = series
        series.record(nanoseconds: elapsed)
        accessLog?.record(
            AccessLogEntry(
                method: request.method.rawValue, target: request.uri, status: status, durationNanoseconds: elapsed,
                requestID: requestID))
    }

    /// The first header fields of every JSON answer.
    private static let jsonHeaders: HTTPHeaders = [
        "content-type": "application/json", "x-content-type-options": "nosniff",
    ]

    /// NIO's pipeline handler passes on a half-close once the requests before it are answered; the
    /// connection closes then, or after the `async` call still running.
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard case .inputClosed = event as? ChannelEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        inputClosed = true
        if !awaitingResult { context.close(promise: nil) }
    }

    /// Malformed HTTP gets a JSON 400 (431 for a head over the size limit) when no response is under way,
    /// then the connection closes.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError, !awaitingResult, !discarding else {
            context.close(promise: nil)
            return
        }
        discarding = true
        let request = head ?? HTTPRequestHead(version: .http1_1, method: .RAW(value: "-"), uri: "-")
        let failure =
            parserError == .headerOverflow
            ? RequestError(
                status: 431, message: "The request head is larger than the limit of \(limits.maximumHeaderSize) bytes.")
            : RequestError(status: 400, message: "Malformed HTTP request (\(error)).")
        write(.error(failure), for: request, function: nil, context: context, close: true)
    }
}
