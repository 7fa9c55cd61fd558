import NIOCore
import NIOEmbedded
import Testing

@testable import Serve
@testable import ServeFixtures
@testable import ServeHTTP

/// Connections of one event loop sharing a ``FlushBatch``: the first answer of a tick goes out at once,
/// the others when the loop runs its tasks.
@Suite struct FlushBatchTests {
    private static let request = ByteBuffer(string: "GET /add?a=1&b=2 HTTP/1.1\r\nHost: x\r\n\r\n")

    private func connections(_ count: Int) async throws -> (EmbeddedEventLoop, [EmbeddedChannel]) {
        let pipeline = try await fixturePipeline()
        let loop = EmbeddedEventLoop()
        let batch = FlushBatch(eventLoop: loop)
        var channels: [EmbeddedChannel] = []
        for _ in 0..<count { channels.append(try await .connection(to: pipeline, loop: loop, batch: batch)) }
        return (loop, channels)
    }

    @Test func theFirstAnswerOfATickIsFlushedAtOnceAndTheOthersWhenTheLoopRunsItsTasks() async throws {
        let (loop, channels) = try await connections(3)
        for channel in channels { try channel.writeInbound(Self.request) }
        #expect(try channels[0].writtenText().hasSuffix("\r\n\r\n3"))
        #expect(try channels[1].writtenText() == "")
        #expect(try channels[2].writtenText() == "")

        loop.run()
        #expect(try channels[1].writtenText().hasSuffix("\r\n\r\n3"))
        #expect(try channels[2].writtenText().hasSuffix("\r\n\r\n3"))

        // A new tick: the next first answer goes out at once again.
        try channels[2].writeInbound(Self.request)
        #expect(try channels[2].writtenText().hasSuffix("\r\n\r\n3"))
    }

    @Test func aConnectionThatClosesBeforeItsBatchIsFlushedLeavesTheOthersTheirAnswers() async throws {
        let (loop, channels) = try await connections(3)
        for channel in channels { try channel.writeInbound(Self.request) }
        _ = try channels[0].writtenText()
        try await channels[1].close()  // the client reset the connection while its answer waited

        loop.run()
        #expect(!channels[1].isActive)
        #expect(try channels[2].writtenText().hasSuffix("\r\n\r\n3"))
    }
}
