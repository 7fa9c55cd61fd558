import Logging
import NIOHTTP1
import Testing

@testable import Serve
@testable import ServeFixtures
@testable import ServeHTTP

/// Stopping gracefully with requests in flight, through the public embedding API (`HTTPServer.start`).
@Suite struct DrainTests {
    private func start(grace: Duration) async throws -> HTTPServer {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let configuration = HTTPServer.Configuration(
            address: BindAddress(host: "127.0.0.1", port: 0), timeouts: .init(grace: grace), threads: 1,
            logger: logger)
        return try await HTTPServer.start(functions: try await fixtureCatalog.bind(), configuration: configuration)
    }

    /// Each call opens a connection of its own.
    private func send(_ server: HTTPServer, _ method: String, _ path: String, json: String? = nil) async throws
        -> RemoteResponse
    {
        let url = ServiceURL(host: server.address.host, port: server.address.port)
        return try await HTTPExchange(url: url, timeoutSeconds: 30).send(
            RemoteRequest(method: method, path: path, body: json.map { Array($0.utf8) }))
    }

    /// Waits until `count` calls are running, as the server's own metrics say (a fixed sleep is not enough
    /// on a loaded machine).
    private func waitForCalls(_ count: Int, on server: HTTPServer) async throws {
        for _ in 0..<500 {
            let metrics = String(decoding: try await send(server, "GET", "/metrics").body, as: UTF8.self)
            if metrics.contains("serve_requests_in_flight \(count)") { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("\(count) calls never ran at once")
    }

    @Test func requestsInFlightFinishAndNewConnectionsAreRefused() async throws {
        let server = try await start(grace: .seconds(5))
        let calls = (0..<4).map { _ in Task { try await send(server, "POST", "/nap", json: #"{"milliseconds": 600}"#) }
        }
        // All four running before the drain: a fixed sleep lost the race on a loaded CI machine.
        try await waitForCalls(4, on: server)
        let drained = Task { await server.drain() }
        try await Task.sleep(for: .milliseconds(100))
        await #expect(throws: (any Error).self) { try await send(server, "GET", "/healthz") }
        for call in calls {
            let answer = try await call.value
            #expect(answer.status == 200)
            #expect(answer.body == Array("600".utf8))
        }
        #expect(await drained.value)
    }

    @Test func theGracePeriodBoundsTheWait() async throws {
        let server = try await start(grace: .milliseconds(300))
        let call = Task { try await send(server, "POST", "/nap", json: #"{"milliseconds": 10000}"#) }
        try await waitForCalls(1, on: server)
        // The nap would take 10 s: drain gives up on it after the grace period.
        #expect(await server.drain() == false)
        await #expect(throws: (any Error).self) { try await call.value }
    }

    @Test("a drain or a stop after the server stopped returns at once, not after the grace period")
    func stoppingAgainReturnsAtOnce() async throws {
        let server = try await start(grace: .seconds(30))
        #expect(await server.drain())
        let started = ContinuousClock.now
        #expect(await server.drain())
        await server.stop()
        #expect(ContinuousClock.now - started < .seconds(15), "the second drain waited out the grace period")
    }

    @Test func readinessTurnsFalseWhenDrainingStarts() {
        let state = ServerState(maximumInFlight: 1)
        #expect(Probe.ready.response(.GET, path: "/readyz", state: state).status == .ok)
        state.beginDraining()
        #expect(Probe.ready.response(.GET, path: "/readyz", state: state).status == .serviceUnavailable)
        #expect(Probe.live.response(.GET, path: "/healthz", state: state).status == .ok)
    }
}
