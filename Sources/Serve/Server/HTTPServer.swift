public import Logging
internal import NIOCore
internal import NIOHTTP1
internal import NIOPosix

/// A running HTTP server: a listening socket and the event loops that serve it.
public final class HTTPServer: Sendable {
    /// The address actually bound (with the real port when 0 was asked for).
    public let address: BindAddress
    private let channel: any Channel
    private let group: MultiThreadedEventLoopGroup

    /// What the server needs to start.
    public struct Configuration: Sendable {
        /// Where to listen.
        public var address: BindAddress
        /// The largest request body accepted; larger ones get 413.
        public var maximumBodySize: Int
        /// The most instances a batch call (`POST /NAME/batch`) may carry; more get 413.
        public var maximumBatchSize: Int
        /// Event loop threads; nil for one per core.
        public var threads: Int?
        /// Receives one line per request at `info` level.
        public var logger: Logger

        /// A configuration with the documented defaults (1 MiB body limit, batches of up to 1,000, one
        /// thread per core).
        public init(
            address: BindAddress,
            maximumBodySize: Int = 1 << 20,
            maximumBatchSize: Int = 1_000,
            threads: Int? = nil,
            logger: Logger
        ) {
            self.address = address
            self.maximumBodySize = maximumBodySize
            self.maximumBatchSize = maximumBatchSize
            self.threads = threads
            self.logger = logger
        }
    }

    /// Binds the socket and starts serving `functions`.
    static func start(functions: [BoundFunction], info: ServiceInfo, configuration: Configuration) async throws
        -> HTTPServer
    {
        let router = try Router(
            functions: functions, info: info, maximumBatchSize: configuration.maximumBatchSize)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, configuration.threads ?? System.coreCount))
        let bodyLimit = configuration.maximumBodySize
        let logger = configuration.logger
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    // No NIO error handler: RequestHandler answers malformed HTTP itself, in JSON.
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: false)
                    try channel.pipeline.syncOperations.addHandler(
                        RequestHandler(router: router, maximumBodySize: bodyLimit, logger: logger)
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
                group: group
            )
        } catch {
            try? await group.shutdownGracefully()
            throw ServeError.cannotBind(configuration.address, reason: "\(error)")
        }
    }

    private init(address: BindAddress, channel: any Channel, group: MultiThreadedEventLoopGroup) {
        self.address = address
        self.channel = channel
        self.group = group
    }

    /// Waits until the server stops listening.
    public func waitUntilStopped() async {
        try? await channel.closeFuture.get()
    }

    /// Stops listening, closes every connection and ends the event loops.
    public func stop() async {
        try? await channel.close()
        try? await group.shutdownGracefully()
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
