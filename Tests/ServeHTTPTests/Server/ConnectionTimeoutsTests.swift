import NIOCore
import NIOEmbedded
import Testing

@testable import ServeHTTP

/// The idle and read timeouts on an embedded channel, whose clock the test moves by hand.
@Suite struct ConnectionTimeoutsTests {
    /// A connected channel with the timeouts alone: the idle timeout 1 s, the read timeout 0.4 s, so the
    /// check runs every 100 ms.
    private func connectedChannel() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(handler: ConnectionTimeouts(idle: .seconds(1), read: .milliseconds(400)))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return channel
    }

    @Test func anIdleConnectionClosesAfterTheIdleTimeout() throws {
        let channel = try connectedChannel()
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(900))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(200))
        #expect(!channel.isActive)
        #expect(try channel.writtenText().isEmpty)  // nothing to answer: no request had started
    }

    @Test func aSlowSenderGets408AndTheConnectionCloses() throws {
        let channel = try connectedChannel()
        try channel.writeInbound(ByteBuffer(string: "POST /add HTTP/1.1\r\nHost: x\r\n"))
        #expect(try channel.readInbound(as: ByteBuffer.self) != nil)  // passed on to the HTTP parser
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(300))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(200))
        let answer = try channel.writtenText()
        #expect(answer.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
        #expect(answer.contains("connection: close"))
        #expect(answer.hasSuffix(#"{"error":"The request was not received in time; the connection is closed."}"#))
        #expect(!channel.isActive)
    }

    @Test func aRequestBeingAnsweredIsNotTimedAndTheIdleClockRestartsAfterIt() throws {
        let timeouts = ConnectionTimeouts(idle: .seconds(1), read: .milliseconds(400))
        let channel = EmbeddedChannel(handler: timeouts)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        try channel.writeInbound(ByteBuffer(string: "GET /nap HTTP/1.1\r\n\r\n"))
        timeouts.requestStarted()
        timeouts.requestReceived()
        channel.embeddedEventLoop.advanceTime(by: .seconds(5))  // a long call: its own timeout covers it
        #expect(channel.isActive)
        timeouts.responseSent()
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(900))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(200))
        #expect(!channel.isActive)
    }

    @Test func bytesOfAPipelinedRequestStartItsReadTimeWhenTheResponseIsSent() throws {
        let timeouts = ConnectionTimeouts(idle: .seconds(1), read: .milliseconds(400))
        let channel = EmbeddedChannel(handler: timeouts)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        try channel.writeInbound(ByteBuffer(string: "GET /a HTTP/1.1\r\n\r\n"))
        timeouts.requestStarted()
        timeouts.requestReceived()
        try channel.writeInbound(ByteBuffer(string: "GET /b HTTP/1.1\r\n"))  // half of the next request
        channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        #expect(channel.isActive)
        timeouts.responseSent()
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(500))
        #expect(try channel.writtenText().hasPrefix("HTTP/1.1 408"))
        #expect(!channel.isActive)
    }
}
