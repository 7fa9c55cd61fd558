internal import NIOCore
internal import NIOEmbedded
internal import NIOHTTP1
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

    func send(_ method: String, _ uri: String, headers: [(name: String, value: String)], body: [UInt8]?)
        async throws -> TestResponse
    {
        let (server, client) = try await openChannels()
        var head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: method), uri: uri)
        head.headers.add(name: "host", value: "localhost")
        for header in headers { head.headers.add(name: header.name, value: header.value) }
        if let body { head.headers.add(name: "content-length", value: String(body.count)) }
        try await client.writeOutbound(HTTPClientRequestPart.head(head))
        if let body { try await client.writeOutbound(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body)))) }
        try await client.writeOutbound(HTTPClientRequestPart.end(nil))
        while let bytes = try await client.readOutbound(as: ByteBuffer.self) {
            try await server.writeInbound(bytes)
        }

        var status = 0
        var responseHeaders: [(name: String, value: String)] = []
        var responseBody: [UInt8] = []
        while true {
            try await client.writeInbound(try await server.waitForOutboundWrite(as: ByteBuffer.self))
            while let part = try await client.readInbound(as: HTTPClientResponsePart.self) {
                switch part {
                case .head(let head):
                    status = Int(head.status.code)
                    responseHeaders = head.headers.map { ($0.name, $0.value) }
                case .body(let buffer):
                    responseBody += buffer.readableBytesView
                case .end:
                    if !server.isActive { await close() }
                    return TestResponse(status: status, headers: responseHeaders, body: responseBody)
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
