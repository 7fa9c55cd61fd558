internal import NIOCore
internal import NIOEmbedded
internal import NIOHTTP1
internal import Serve
internal import ServeHTTP

/// One client connection to the server's pipeline, without a socket: requests are encoded by NIO's
/// HTTP/1.1 client codec, read by the server's own handlers, and the responses decoded again. A new
/// connection is opened when the server closed the last one (`Connection: close`, a 413, …).
actor InProcessConnection {
    private let pipeline: ServerPipeline
    private var channels: (server: NIOAsyncTestingChannel, client: NIOAsyncTestingChannel)?

    init(pipeline: ServerPipeline) {
        self.pipeline = pipeline
    }

    func send(_ request: RemoteRequest) async throws -> RemoteResponse {
        let (server, client) = try await openChannels()
        for part in request.parts(uri: request.path, host: "localhost", closing: false) {
            try await client.writeOutbound(part)
        }
        while let bytes = try await client.readOutbound(as: ByteBuffer.self) {
            try await server.writeInbound(bytes)
        }
        var accumulator = ResponseAccumulator()
        while true {
            try await client.writeInbound(try await server.waitForOutboundWrite(as: ByteBuffer.self))
            while let part = try await client.readInbound(as: HTTPClientResponsePart.self) {
                if let response = accumulator.add(part) {
                    if !server.isActive { await close() }
                    return response
                }
            }
        }
    }

    /// Closes the connection, if open.
    func close() async {
        guard let channels else { return }
        self.channels = nil
        try? await channels.server.close()
        try? await channels.client.close()
    }

    private func openChannels() async throws -> (server: NIOAsyncTestingChannel, client: NIOAsyncTestingChannel) {
        if let channels { return channels }
        let pipeline = self.pipeline
        let server = try await NIOAsyncTestingChannel { channel in try pipeline.addHandlers(to: channel) }
        try await server.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1))
        let client = try await NIOAsyncTestingChannel { channel in
            try channel.pipeline.syncOperations.addHTTPClientHandlers()
        }
        try await client.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 5000))
        channels = (server, client)
        return (server, client)
    }
}
