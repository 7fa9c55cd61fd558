public import Logging
internal import NIOCore
internal import NIOExtras
internal import NIOHTTP1
internal import NIOPosix

/// A running HTTP server: a listening socket and the event loops that serve it.
public final class HTTPServer: Sendable {
    /// The address actually bound (with the real port when 0 was asked for).
    public let address: BindAddress
    private let channel: any Channel
    private let group: MultiThreadedEventLoopGroup
    private let quiescing: ServerQuiescingHelper
    private let state: ServerState
    private let gracePeriod: Duration
    /// Finished when ``drain()`` or ``stop()`` has closed everything.
    private let stopped: (stream: AsyncStream<Never>, continuation: AsyncStream<Never>.Continuation)

    /// Binds the socket and starts serving `functions`.
    static func start(functions: BoundFunctions, info: ServiceInfo, configuration: Configuration) async throws
        -> HTTPServer
    {
        let state = ServerState(maximumInFlight: configuration.limits.maximumInFlight)
        let metrics = ServiceMetrics(groupSetupTimes: functions.setupTimes)
        let router = try Router(
            functions: functions.functions, info: info, configuration: configuration, state: state, metrics: metrics)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, configuration.threads ?? System.coreCount))
        let quiescing = ServerQuiescingHelper(group: group)
        let limits = configuration.limits
        let timeouts = configuration.timeouts
        let logger = configuration.logger
        var decoderLimits = NIOHTTPDecoderLimitConfiguration()
        decoderLimits.maxHeaderFieldSize = limits.maximumHeaderSize
        decoderLimits.maxHeaderListSize = limits.maximumHeaderSize
        decoderLimits.maxHeaderFieldCount = HTTPServer.Limits.maximumHeaderFields
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiescing.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            // A client that sends its requests and half-closes still gets every answer; RequestHandler
            // closes the connection after the last one.
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let connectionTimeouts = ConnectionTimeouts(idle: timeouts.idle, read: timeouts.read)
                    try channel.pipeline.syncOperations.addHandler(connectionTimeouts)
                    // No NIO error handler: RequestHandler answers malformed HTTP itself, in JSON.
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                        withErrorHandling: false,
                        withEncoderConfiguration: .init(),
                        withDecoderLimitConfiguration: decoderLimits
                    )
                    try channel.pipeline.syncOperations.addHandler(
                        RequestHandler(
                            router: router, limits: limits, callTimeout: timeouts.call, timeouts: connectionTimeouts,
                            metrics: metrics, logger: logger)
                    )
                }
            }
        do {
            let channel = try await bootstrap.bind(host: configuration.address.host, port: configuration.address.port)
                .get()
            let port = channel.localAddress?.port ?? configuration.address.port
            return HTTPServer(
                address: BindAddress(host: configuration.address.host, port: port),
                channel: channel,
                group: group,
                quiescing: quiescing,
                state: state,
                gracePeriod: timeouts.grace
            )
        } catch {
            try? await group.shutdownGracefully()
            throw ServeError.cannotBind(configuration.address, reason: "\(error)")
        }
    }

    private init(
        address: BindAddress, channel: any Channel, group: MultiThreadedEventLoopGroup,
        quiescing: ServerQuiescingHelper, state: ServerState, gracePeriod: Duration
    ) {
        self.address = address
        self.channel = channel
        self.group = group
        self.quiescing = quiescing
        self.state = state
        self.gracePeriod = gracePeriod
        stopped = AsyncStream.makeStream(of: Never.self)
    }

    /// Waits until ``drain()`` or ``stop()`` has finished.
    public func waitUntilStopped() async {
        for await _ in stopped.stream {}
    }

    /// Stops gracefully: readiness turns false at once and the socket stops accepting; idle connections
    /// close, and requests in flight finish (their connections close after the response) for up to the
    /// grace period, after which the remaining connections are closed. Returns whether every request
    /// finished in time.
    @discardableResult
    public func drain() async -> Bool {
        state.beginDraining()
        let allClosed = channel.eventLoop.makePromise(of: Void.self)
        quiescing.initiateShutdown(promise: allClosed)
        let gracePeriod = self.gracePeriod
        let finished = await withTaskGroup(of: Bool.self) { tasks in
            tasks.addTask {
                try? await allClosed.futureResult.get()
                return true
            }
            tasks.addTask {
                try? await Task.sleep(for: gracePeriod)
                return false
            }
            let first = await tasks.next() ?? true
            tasks.cancelAll()
            // Ending the event loops closes the connections still open, which lets the first task end.
            try? await self.group.shutdownGracefully()
            return first
        }
        stopped.continuation.finish()
        return finished
    }

    /// Stops at once: closes the socket and every connection, and ends the event loops.
    public func stop() async {
        state.beginDraining()
        try? await channel.close()
        try? await group.shutdownGracefully()
        stopped.continuation.finish()
    }
}

/// What can stop `serve` from starting, with the message a user reads.
enum ServeError: Error, CustomStringConvertible {
    case cannotBind(BindAddress, reason: String)

    var description: String {
        switch self {
        case .cannotBind(let address, let reason): "Cannot listen on \(address): \(reason)"
        }
    }
}
