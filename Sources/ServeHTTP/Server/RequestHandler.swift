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

    /// Where the connection's requests stand (``RequestStateMachine``).
    private var machine: RequestStateMachine
    /// When the request being answered began, for its duration.
    private var started: NIODeadline = .now()
    /// The `async` call running for this connection: cancelled, and its slot given back, when the client
    /// goes away before its answer.
    private var running: (task: Task<Void, Never>, slot: CallSlot)?
    /// Runs this connection's calls that only wait, made at the first.
    private var loopExecutor: EventLoopTaskExecutor?

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
        machine = RequestStateMachine(limits: limits)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            switch machine.receivedHead(head, takesUploads: { router.takesUploads($0) }) {
            case .read:
                requestStarted()
            case .sendContinue:
                requestStarted()
                // `Expect: 100-continue` (curl sends it for bodies over 1 MiB): the client waits for this
                // before it sends the body; without it, it waits a second.
                let interim = HTTPResponseHead(version: head.version, status: .continue)
                context.writeAndFlush(wrapOutboundOut(.head(interim)), promise: nil)
            case .reject(let error):
                requestStarted()
                reject(error, for: head, context: context)
            case .ignore:
                break
            }
        case .body(let chunk):
            switch machine.receivedBody(chunk, takesUploads: { router.takesUploads($0) }) {
            case .read: break
            case .reject(let error, let head): reject(error, for: head, context: context)
            case .close: context.close(promise: nil)
            }
        case .end:
            guard case .route(let head, let body) = machine.receivedEnd() else { return }
            timeouts.requestReceived()
            switch router.route(head, body: body) {
            case .respond(let response, let function):
                write(response, for: head, function: function, context: context)
            case .run(let function, let slot, let onEventLoop, let work):
                run(work, slot: slot, onEventLoop: onEventLoop, function: function, for: head, context: context)
            }
        }
    }

    private func requestStarted() {
        timeouts.requestStarted()
        started = .now()
    }

    /// Runs an `async` call as a task and answers with its result, or with 504 (cancelling the task) when
    /// the call timeout passes first.
    private func run(
        _ work: @escaping @Sendable () async throws -> Response, slot: CallSlot, onEventLoop: Bool,
        function: String, for request: HTTPRequestHead, context: ChannelHandlerContext
    ) {
        let call = machine.startedCall()
        let promise = context.eventLoop.makePromise(of: Response.self)
        var executor: EventLoopTaskExecutor?
        var queueWait: QueueWait?
        if onEventLoop {
            executor = loopExecutor ?? EventLoopTaskExecutor(context.eventLoop)
            loopExecutor = executor
            queueWait = QueueWait()
        }
        let task = Task(executorPreference: executor) { [queueWait] in
            do {
                guard let queueWait else { return promise.succeed(try await work()) }
                promise.succeed(try await QueueWait.$current.withValue(queueWait) { try await work() })
            } catch {
                promise.fail(error)
            }
        }
        running = (task, slot)
        let timer = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(callTimeout)) {
            guard self.machine.finishedCall(call) else { return }
            self.abandon()
            let seconds = self.callTimeout.seconds.fixed(1)
            let error = RequestError(
                status: 504, message: "\(function) did not finish within \(seconds) s; it was cancelled.")
            self.write(.error(error), for: request, function: function, context: context)
        }
        promise.futureResult.assumeIsolated().whenComplete { result in
            guard self.machine.finishedCall(call) else { return }
            timer.cancel()
            self.running = nil
            switch result {
            case .success(let response):
                self.write(response, for: request, function: function, context: context, queueWait: queueWait)
            case .failure(let error):
                let failure = RequestBinding.requestError(for: error, function: function)
                self.write(.error(failure), for: request, function: function, context: context, queueWait: queueWait)
            }
        }
    }

    /// Cancels the running call and gives its place under the in-flight limit back now: Swift's
    /// cooperative cancellation stops the function at its next suspension or check.
    private func abandon() {
        guard let running else { return }
        self.running = nil
        running.task.cancel()
        running.slot.release()
    }

    /// The client went away: an `async` call still running for it is abandoned (a synchronous call's
    /// answer was written, or is dropped, with the connection).
    func channelInactive(context: ChannelHandlerContext) {
        if machine.abandonedCall() { abandon() }
        context.fireChannelInactive()
    }

    /// Answers before the request is complete, then lingers: the rest of the request is read and dropped.
    private func reject(_ error: RequestError, for head: HTTPRequestHead, context: ChannelHandlerContext) {
        write(.error(error), for: head, function: nil, context: context, close: true, linger: true)
    }

    /// How long an early answer waits for the rest of a request before closing (the bytes are
    /// ``RequestStateMachine/lingerBytes``).
    static let lingerTime = TimeAmount.seconds(2)

    /// Closes the output once the early answer is written, keeps reading (and dropping) what the client
    /// still sends for ``lingerTime`` or ``RequestStateMachine/lingerBytes``, then closes, as nginx's lingering close does. A
    /// client that sends its whole body before it reads (Python's urllib) then reads the answer; closing at
    /// once would reset the connection under it and lose the answer.
    private func linger(context: ChannelHandlerContext) {
        context.close(mode: .output).assumeIsolated().whenFailure { _ in context.close(promise: nil) }
        context.eventLoop.assumeIsolated().scheduleTask(in: Self.lingerTime) { context.close(promise: nil) }
    }

    private func write(
        _ response: Response, for request: HTTPRequestHead, function: String?, context: ChannelHandlerContext,
        close: Bool = false, linger: Bool = false, queueWait: QueueWait? = nil
    ) {
        let keepAlive = request.isKeepAlive && !close && !machine.inputClosed
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
                requestID: requestID, queueWait: queueWait?.duration))
    }

    /// The first header fields of every JSON answer.
    private static let jsonHeaders: HTTPHeaders = [
        "content-type": "application/json", "x-content-type-options": "nosniff",
    ]

    /// NIO's pipeline handler passes on a half-close once the requests before it are answered; the
    /// connection closes then. (An `async` call still running when the client's side closed was
    /// abandoned at once, on ``ClientClosedInput``.)
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ClientClosedInput {
            // The client's side closed while an `async` call runs for it: as Go's servers do, the client
            // is taken to be gone; its call is cancelled and the connection closed.
            if machine.abandonedCall() {
                abandon()
                context.close(promise: nil)
            }
            return
        }
        guard case .inputClosed = event as? ChannelEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        if machine.receivedInputClosed() { context.close(promise: nil) }
    }

    /// Malformed HTTP gets a JSON 400 (431 for a head over the size limit) when no response is under way,
    /// then the connection closes.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        switch machine.caught(error) {
        case .close:
            context.close(promise: nil)
        case .respond(let failure, let head):
            let request = head ?? HTTPRequestHead(version: .http1_1, method: .RAW(value: "-"), uri: "-")
            write(.error(failure), for: request, function: nil, context: context, close: true)
        }
    }
}
