internal import NIOCore
internal import NIOExtras
internal import NIOHTTP1
internal import NIOPosix
public import Serve
internal import Synchronization

/// A running HTTP server: a listening socket and the event loops that serve it.
public final class HTTPServer: Sendable {
    /// The address actually bound (with the real port when 0 was asked for).
    public let address: BindAddress
    private let channel: any Channel
    private let group: MultiThreadedEventLoopGroup
    /// Collects the connections, so a stop can close them; released once a stop has begun, while the
    /// event loops still run (its deinit completes a promise on them).
    private let quiescing: Mutex<ServerQuiescingHelper?>
    /// Whether a stop has ended the event loops (nothing is left to close; nothing may be scheduled on them).
    private let ended = Atomic(false)
    /// What its connections share: the routes, the in-flight limit, the metrics (a second protocol's
    /// server, gRPC, serves the same).
    package let pipeline: ServerPipeline
    private var state: ServerState { pipeline.state }
    private let gracePeriod: Duration
    /// Finished when ``drain()`` or ``stop()`` has closed everything.
    private let stopped: (stream: AsyncStream<Never>, continuation: AsyncStream<Never>.Continuation)

    /// Binds the socket and starts serving `functions` (from ``FunctionCatalog/bind(_:options:)``).
    ///
    /// The server runs until ``drain()`` or ``stop()``; ``address`` has the port it listens on.
    public static func start(
        functions: BoundFunctions, info: ServiceInfo = ServiceInfo(), configuration: Configuration
    ) async throws -> HTTPServer {
        let pipeline = try ServerPipeline(functions: functions, info: info, configuration: configuration)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, configuration.threads ?? defaultThreadCount))
        let quiescing = ServerQuiescingHelper(group: group)
        let flushBatches = group.makeIterator().map(FlushBatch.init)
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
                    let flushes = flushBatches.first { $0.eventLoop === channel.eventLoop }
                    try pipeline.addHandlers(to: channel, flushes: flushes)
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
                pipeline: pipeline,
                gracePeriod: configuration.timeouts.grace
            )
        } catch {
            try? await group.shutdownGracefully()
            throw ServeError.cannotBind(configuration.address, reason: "\(error)")
        }
    }

    private init(
        address: BindAddress, channel: any Channel, group: MultiThreadedEventLoopGroup,
        quiescing: ServerQuiescingHelper, pipeline: ServerPipeline, gracePeriod: Duration
    ) {
        self.address = address
        self.channel = channel
        self.group = group
        self.quiescing = Mutex(quiescing)
        self.pipeline = pipeline
        self.gracePeriod = gracePeriod
        stopped = AsyncStream.makeStream(of: Never.self)
    }

    /// Waits until ``drain()`` or ``stop()`` has finished.
    public func waitUntilStopped() async {
        for await _ in stopped.stream {}
    }

    /// One event loop per CPU the process may use: the fewest of the cores, the cgroup's CPU quota (both as
    /// SwiftNIO reads them) and the CPUs of the process's affinity mask (`taskset`, systemd's `CPUAffinity=`).
    public static var defaultThreadCount: Int {
        min(System.coreCount, SystemCalls.allowedCPUCount() ?? .max)
    }

    /// Stops gracefully: readiness turns false at once and the socket stops accepting; idle connections
    /// close, and requests in flight finish (their connections close after the response) for up to the
    /// grace period, after which the remaining connections are closed. Returns whether every request
    /// finished in time.
    @discardableResult
    public func drain() async -> Bool {
        await shutDown(within: gracePeriod)
    }

    /// Stops promptly: closes the socket and idle connections at once, gives requests in flight a quarter
    /// of a second, then closes every connection and ends the event loops.
    public func stop() async {
        _ = await shutDown(within: .milliseconds(250))
    }

    /// Stops accepting, lets connections finish for up to `grace`, then ends the event loops (which closes
    /// what is still open). Closing connections before the loops end keeps their bookkeeping on live loops.
    private func shutDown(within grace: Duration) async -> Bool {
        if ended.load(ordering: .acquiring) { return true }
        state.beginDraining()
        let allClosed = channel.eventLoop.makePromise(of: Void.self)
        if let helper = quiescing.withLock({ $0.take() }) {
            helper.initiateShutdown(promise: allClosed)
        } else {
            allClosed.succeed()  // a stop is already under way
        }
        let finished = await withTaskGroup(of: Bool.self) { tasks in
            tasks.addTask {
                try? await allClosed.futureResult.get()
                return true
            }
            tasks.addTask {
                try? await Task.sleep(for: grace)
                return false
            }
            let first = await tasks.next() ?? true
            tasks.cancelAll()
            // Ending the event loops closes the connections still open, which lets the first task end.
            try? await self.group.shutdownGracefully()
            return first
        }
        ended.store(true, ordering: .releasing)
        stopped.continuation.finish()
        return finished
    }
}

/// What can stop a server from starting, with the message a user reads.
public enum ServeError: Error, CustomStringConvertible {
    /// The address is taken, not local, or not allowed.
    case cannotBind(BindAddress, reason: String)
    /// An allowed origin that cannot be sent back in a header (spaces, control characters, non-ASCII).
    case invalidOrigin(String)

    public var description: String {
        switch self {
        case .cannotBind(let address, let reason): "Cannot listen on \(address): \(reason)"
        case .invalidOrigin(let origin):
            "Invalid allowed origin \(JSONValue.string(origin).text): expected * or scheme://host[:port] in visible ASCII."
        }
    }
}
