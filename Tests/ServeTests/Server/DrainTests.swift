import Foundation
import FoundationNetworking
import NIOHTTP1
import Testing

@testable import Serve

/// Stopping gracefully with requests in flight.
@Suite struct DrainTests {
    /// A session of its own, so each request opens a new connection.
    func freshGet(_ url: String) async throws -> Int? {
        let session = URLSession(configuration: .ephemeral)
        defer { session.invalidateAndCancel() }
        let (_, response) = try await session.data(from: URL(string: url)!)
        return (response as? HTTPURLResponse)?.statusCode
    }

    @Test func requestsInFlightFinishAndNewConnectionsAreRefused() async throws {
        let server = try await TestServer.start(timeouts: .init(grace: .seconds(5)))
        let calls = (0..<4).map { _ in Task { try await server.post("/nap", #"{"milliseconds": 600}"#) } }
        try await Task.sleep(for: .milliseconds(200))
        let drained = Task { await server.server.drain() }
        try await Task.sleep(for: .milliseconds(100))
        await #expect(throws: (any Error).self) { try await freshGet(server.base + "/healthz") }
        for call in calls {
            let reply = try await call.value
            #expect(reply.status == 200)
            #expect(reply.body == "600")
        }
        #expect(await drained.value)
    }

    @Test func theGracePeriodBoundsTheWait() async throws {
        let server = try await TestServer.start(timeouts: .init(grace: .milliseconds(300)))
        let call = Task { try await server.post("/nap", #"{"milliseconds": 10000}"#) }
        try await Task.sleep(for: .milliseconds(150))
        // The nap would take 10 s: drain gives up on it after the grace period.
        #expect(await server.server.drain() == false)
        await #expect(throws: (any Error).self) { try await call.value }
    }

    @Test func readinessTurnsFalseWhenDrainingStarts() {
        let state = ServerState(maximumInFlight: 1)
        #expect(Probe.ready.response(.GET, path: "/readyz", state: state).status == .ok)
        state.beginDraining()
        #expect(Probe.ready.response(.GET, path: "/readyz", state: state).status == .serviceUnavailable)
        #expect(Probe.live.response(.GET, path: "/healthz", state: state).status == .ok)
    }
}
