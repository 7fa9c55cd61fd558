import Logging
import NIOCore
import NIOEmbedded

@testable import Serve
@testable import ServeFixtures
@testable import ServeHTTP

/// The fixtures' server pipeline, logging at `warning`.
func fixturePipeline() async throws -> ServerPipeline {
    var logger = Logger(label: "test")
    logger.logLevel = .warning
    return try ServerPipeline(
        functions: try await fixtureCatalog.bind(), info: ServiceInfo(),
        configuration: HTTPServer.Configuration(address: BindAddress(host: "127.0.0.1", port: 0), logger: logger))
}

extension EmbeddedChannel {
    /// A connected channel on `loop` with `pipeline`'s handlers, its answers flushed through `batch` as
    /// `HTTPServer` flushes them.
    static func connection(to pipeline: ServerPipeline, loop: EmbeddedEventLoop, batch: FlushBatch) async throws
        -> EmbeddedChannel
    {
        let channel = EmbeddedChannel(loop: loop)
        try pipeline.addHandlers(to: channel, flushes: batch)
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).get()
        return channel
    }
}
