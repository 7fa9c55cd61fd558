import Foundation
import NIOCore
import NIOEmbedded
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
}
