internal import GRPCCore
internal import GRPCNIOTransportHTTP2Posix
public import ServeHTTP
internal import Synchronization

/// The Open Inference Protocol over gRPC (`inference.GRPCInferenceService`), on its own port beside a
/// running ``HTTPServer`` whose models, limits, token and metrics it shares. Plaintext HTTP/2, as the
/// protocol's clients (Triton's, KServe's) expect inside a cluster; put TLS in front where it leaves one.
public final class GRPCInferenceServer: Sendable {
    /// The address actually bound (with the real port when 0 was asked for).
    public let address: BindAddress
    private let server: GRPCServer<HTTP2ServerTransport.Posix>
    private let serving: Task<Void, Never>

    /// The most concurrent calls one connection may carry (HTTP/2's `SETTINGS_MAX_CONCURRENT_STREAMS`,
    /// said to the client, which then queues the rest).
    static let maximumStreamsPerConnection = 1024

    /// Binds `address` and serves `http`'s models there until ``drain()``; throws when it cannot listen.
    public static func start(at address: BindAddress, beside http: HTTPServer) async throws -> GRPCInferenceServer {
        let pipeline = http.pipeline
        let limits = pipeline.limits
        let service = InferenceService(pipeline: pipeline, maximumPayloadSize: limits.maximumBodySize)
        // Messages up to 4× the tensor limit reach the service, which refuses them with RESOURCE_EXHAUSTED;
        // the transport resets a stream with a larger one before it is read whole.
        let host = address.host == "localhost" ? "127.0.0.1" : address.host
        let transport = HTTP2ServerTransport.Posix(
            address: host.contains(":") ? .ipv6(host: host, port: address.port) : .ipv4(host: host, port: address.port),
            transportSecurity: .plaintext,
            config: .defaults {
                $0.rpc.maxRequestPayloadSize =
                    limits.maximumBodySize.multipliedReportingOverflow(by: 4).overflow
                    ? Int.max : limits.maximumBodySize * 4
                $0.http2.maxConcurrentStreams = maximumStreamsPerConnection
                $0.connection.maxIdleTime = pipeline.timeouts.idle
                // Each answer is written at once (a coalescing window of 100 µs added 0.24 ms to a call at 1
                // connection: bench/grpc).
                $0.connection.flushCoalescing = nil
            })
        let server = GRPCServer(transport: transport, services: [service])
        let failure = Mutex<(any Error)?>(nil)
        let serving = Task {
            do {
                try await server.serve()
            } catch {
                failure.withLock { $0 = error }
            }
        }
        let listening = try? await server.listeningAddress
        guard let port = listening?.ipv4?.port ?? listening?.ipv6?.port else {
            serving.cancel()
            let reason = failure.withLock { $0 }.map { "\($0)" } ?? "the transport did not start"
            throw ServeError.cannotBind(address, reason: reason)
        }
        return GRPCInferenceServer(
            address: BindAddress(host: address.host, port: port), server: server, serving: serving)
    }

    private init(address: BindAddress, server: GRPCServer<HTTP2ServerTransport.Posix>, serving: Task<Void, Never>) {
        self.address = address
        self.server = server
        self.serving = serving
    }

    /// Stops accepting calls, lets those in flight finish, and returns once the server has stopped.
    public func drain() async {
        server.beginGracefulShutdown()
        await serving.value
    }
}
