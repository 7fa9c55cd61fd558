internal import Logging
package import NIOCore
internal import NIOHTTP1
package import Serve

/// What every connection of one server shares (routes, documents, limits, metrics, the in-flight count)
/// and the handlers each connection gets, in order: (with a ``FlushBatch``) ``FlushBeforeClose``, timeouts
/// on the raw bytes, NIO's HTTP/1.1 codec with the size limits, then the ``RequestHandler``. The socket server and the in-process test channel
/// both set connections up here, so tests run the same pipeline users get.
package struct ServerPipeline: Sendable {
    package let router: Router
    package let state: ServerState
    package let metrics: ServiceMetrics
    package let limits: HTTPServer.Limits
    package let timeouts: HTTPServer.Timeouts
    let accessLog: (any AccessLog)?

    package init(functions: BoundFunctions, info: ServiceInfo, configuration: HTTPServer.Configuration) throws {
        state = ServerState(maximumInFlight: configuration.limits.maximumInFlight)
        metrics = ServiceMetrics(groupSetupTimes: functions.setupTimes, functions: functions.functions)
        let access = configuration.access
        if let invalid = access.allowedOrigins.first(where: { !CrossOriginPolicy.isValid($0) }) {
            throw ServeError.invalidOrigin(invalid)
        }
        router = try Router(
            functions: functions.functions, info: info, maximumBatchSize: configuration.limits.maximumBatchSize,
            token: access.token.flatMap(AccessToken.init), publicDocs: access.publicDocs,
            crossOrigin: CrossOriginPolicy(allowing: access.allowedOrigins), state: state, metrics: metrics)
        limits = configuration.limits
        timeouts = configuration.timeouts
        let logger = configuration.logger
        accessLog = configuration.accessLog ?? (logger.logLevel <= .info ? LoggerAccessLog(logger: logger) : nil)
    }

    /// Adds one connection's handlers to `channel`; call on its event loop. Answers are flushed with the
    /// others of `flushes`, the batch of the channel's event loop, or at once without one.
    package func addHandlers(to channel: any Channel, flushes: FlushBatch? = nil) throws {
        var decoderLimits = NIOHTTPDecoderLimitConfiguration()
        decoderLimits.maxHeaderFieldSize = limits.maximumHeaderSize
        decoderLimits.maxHeaderListSize = limits.maximumHeaderSize
        decoderLimits.maxHeaderFieldCount = HTTPServer.Limits.maximumHeaderFields
        let connectionTimeouts = ConnectionTimeouts(idle: timeouts.idle, read: timeouts.read)
        let handlers = channel.pipeline.syncOperations
        if flushes != nil { try handlers.addHandler(FlushBeforeClose()) }
        try handlers.addHandler(connectionTimeouts)
        // No NIO error handler: RequestHandler answers malformed HTTP itself, in JSON. No check of outbound
        // header fields either: RequestHandler writes only names of its own and values it made or
        // checked (a client's X-Request-ID must be visible ASCII; origins were checked at start-up).
        try handlers.configureHTTPServerPipeline(
            withErrorHandling: false,
            withOutboundHeaderValidation: false,
            withEncoderConfiguration: .init(),
            withDecoderLimitConfiguration: decoderLimits
        )
        try handlers.addHandler(
            RequestHandler(
                router: router, limits: limits, callTimeout: timeouts.call, timeouts: connectionTimeouts,
                metrics: metrics, accessLog: accessLog, flushes: flushes)
        )
    }
}
