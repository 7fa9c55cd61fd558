import Foundation
import Logging
import NIOCore
import NIOEmbedded
import Synchronization
import Testing

@testable import Serve
@testable import ServeFixtures
@testable import ServeHTTP

/// A connection's whole pipeline on an embedded channel: pipelined requests and a client that
/// half-closes after sending them.
@Suite struct RequestHandlerTests {
    private func connection() async throws -> EmbeddedChannel {
        let loop = EmbeddedEventLoop()
        return try await .connection(to: try await fixturePipeline(), loop: loop, batch: FlushBatch(eventLoop: loop))
    }

    @Test func pipelinedRequestsAreAnsweredInOrderOnOneConnection() async throws {
        let channel = try await connection()
        try channel.writeInbound(
            ByteBuffer(
                string: "GET /add?a=1&b=2 HTTP/1.1\r\nHost: x\r\n\r\nGET /add?a=3&b=4 HTTP/1.1\r\nHost: x\r\n\r\n"))
        channel.embeddedEventLoop.run()  // the loop's turn ends: the second answer is flushed with its batch
        let answers = try channel.writtenText()
        let bodies = answers.components(separatedBy: "\r\n\r\n").dropFirst().map { $0.prefix(1) }
        #expect(bodies == ["3", "7"])
        #expect(!answers.contains("connection: close"))
        #expect(channel.isActive)
    }

    @Test func aClientThatHalfClosesGetsEveryAnswerThenTheConnectionCloses() async throws {
        let channel = try await connection()
        try channel.writeInbound(
            ByteBuffer(
                string: "GET /add?a=1&b=2 HTTP/1.1\r\nHost: x\r\n\r\nGET /add?a=3&b=4 HTTP/1.1\r\nHost: x\r\n\r\n"))
        channel.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        let answers = try channel.writtenText()
        #expect(answers.components(separatedBy: "HTTP/1.1 200 OK").count == 3)
        #expect(answers.hasSuffix("7"))
        #expect(!channel.isActive)
    }

    @Test func malformedHTTPGetsAJSON400AndTheConnectionCloses() async throws {
        let channel = try await connection()
        // The parser's error is answered in JSON, whatever writeInbound reports.
        _ = try? channel.writeInbound(ByteBuffer(string: "NOT HTTP AT ALL\r\n\r\n"))
        let answer = try channel.writtenText()
        #expect(answer.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
        #expect(answer.contains(#"{"error":"Malformed HTTP request"#))
        #expect(!channel.isActive)
    }

    /// A connection on a test channel whose clock moves only when told (`advanceTime`), with a call
    /// timeout of 200 ms.
    private func connectionOnAFakeClock() async throws -> NIOAsyncTestingChannel {
        try await connectionOnAFakeClock(pipeline: try await pipelineTimingOutAfter200Milliseconds())
    }

    private func pipelineTimingOutAfter200Milliseconds() async throws -> ServerPipeline {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return try ServerPipeline(
            functions: try await fixtureCatalog.bind(), info: ServiceInfo(),
            configuration: HTTPServer.Configuration(
                address: BindAddress(host: "127.0.0.1", port: 0), timeouts: .init(call: .milliseconds(200)),
                logger: logger))
    }

    private func connectionOnAFakeClock(pipeline: ServerPipeline) async throws -> NIOAsyncTestingChannel {
        let channel = try await NIOAsyncTestingChannel { try pipeline.addHandlers(to: $0) }
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1))
        return channel
    }

    @Test func anAsyncCallPastTheTimeoutIsAnswered504WhenTheClockPassesIt() async throws {
        let channel = try await connectionOnAFakeClock()
        let before = naps.cancelled.load(ordering: .relaxed)
        let json = #"{"milliseconds": 60000}"#
        try await channel.writeInbound(
            ByteBuffer(string: "POST /nap HTTP/1.1\r\nHost: x\r\nContent-Length: \(json.utf8.count)\r\n\r\n\(json)"))
        await channel.testingEventLoop.advanceTime(by: .milliseconds(199))
        #expect(try await channel.readOutbound(as: ByteBuffer.self) == nil)  // not yet
        await channel.testingEventLoop.advanceTime(by: .milliseconds(1))
        let answer = String(buffer: try await channel.waitForOutboundWrite(as: ByteBuffer.self))
        #expect(answer.hasPrefix("HTTP/1.1 504 Gateway Timeout\r\n"))
        for _ in 0..<500 where naps.cancelled.load(ordering: .relaxed) == before {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(naps.cancelled.load(ordering: .relaxed) > before)  // the task was cancelled, not left running
        #expect(channel.isActive)  // and the connection stays open for the next request
    }

    @Test func aClientThatGoesAwayHasItsAsyncCallCancelledAndTheInFlightCountSaysSoAtOnce() async throws {
        let pipeline = try await pipelineTimingOutAfter200Milliseconds()
        let channel = try await connectionOnAFakeClock(pipeline: pipeline)
        let before = naps.cancelled.load(ordering: .relaxed)
        let json = #"{"milliseconds": 60000}"#
        try await channel.writeInbound(
            ByteBuffer(string: "POST /nap HTTP/1.1\r\nHost: x\r\nContent-Length: \(json.utf8.count)\r\n\r\n\(json)"))
        #expect(pipeline.state.inFlight == 1)
        try await channel.close()  // the client goes away before the answer
        #expect(pipeline.state.inFlight == 0)  // at once, not when the task notices
        for _ in 0..<500 where naps.cancelled.load(ordering: .relaxed) == before {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(naps.cancelled.load(ordering: .relaxed) > before)  // the function's task was cancelled
        await channel.testingEventLoop.advanceTime(by: .seconds(1))  // past the call timeout: nothing more
        #expect(pipeline.state.inFlight == 0)
    }

    @Test func anEarlyAnswerClosesTheConnectionAndWhatFollowsIsDropped() async throws {
        // (A test channel cannot half-close, so the lingering itself is tested over a real socket, with
        // Python's urllib, in Tests/e2e/test_large_bodies.py.)
        let channel = try await connectionOnAFakeClock()
        try await channel.writeInbound(
            ByteBuffer(string: "POST /add HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n"))
        var answer = String(buffer: try await channel.waitForOutboundWrite(as: ByteBuffer.self))
        while let more = try await channel.readOutbound(as: ByteBuffer.self) { answer += String(buffer: more) }
        #expect(answer.hasPrefix("HTTP/1.1 413 Payload Too Large\r\n"))
        #expect(answer.contains("connection: close"))
        #expect(answer.hasSuffix(#"bytes."}"#))
        _ = try? await channel.writeInbound(ByteBuffer(string: "GET /add?a=1&b=2 HTTP/1.1\r\nHost: x\r\n\r\n"))
        await channel.testingEventLoop.advanceTime(by: .seconds(2))
        #expect(try await channel.readOutbound(as: ByteBuffer.self) == nil)  // no second answer
        #expect(!channel.isActive)
    }
}
