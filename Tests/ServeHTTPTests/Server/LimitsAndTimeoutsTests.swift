import Foundation
import ServeTesting
import Synchronization
import Testing

@testable import Serve
@testable import ServeFixtures
@testable import ServeHTTP

/// Size limits, the in-flight cap and the call timeout, over a real socket. (Slow senders and idle
/// connections need a raw socket: see Tests/e2e/test_bad_input.py.)
@Suite struct LimitsAndTimeoutsTests {
    @Test func longTargetsGet414AndLargeHeadsGet431() async throws {
        try await withFixtures(limits: .init(maximumHeaderSize: 4096, maximumURILength: 1024)) { server in
            let long = try await server.get("/add?a=1&b=2&pad=" + String(repeating: "x", count: 1100))
            #expect(long.status == 414)
            #expect((long.json["error"] as? String)?.contains("1024") == true)
            let large = try await server.get(
                "/add?a=1&b=2", headers: ["X-Padding": String(repeating: "y", count: 5000)])
            #expect(large.status == 431)
            #expect(try await server.get("/add?a=1&b=2").body == "3")
        }
    }

    @Test func callsBeyondTheInFlightCapGet503WithRetryAfter() async throws {
        try await withFixtures(limits: .init(maximumInFlight: 1)) { server in
            let slow = Task { try await server.post("/nap", #"{"milliseconds": 2000}"#) }
            // The nap holds the only place first (a fixed sleep lost the race on a loaded CI machine).
            while try await !server.get("/metrics").body.contains("\nserve_requests_in_flight 1") {
                try await Task.sleep(for: .milliseconds(10))
            }
            let refused = try await server.get("/add?a=1&b=2")
            #expect(refused.status == 503)
            #expect(refused.header("retry-after") == "1")
            // Probes are not calls: they still answer.
            #expect(try await server.get("/healthz").status == 200)
            #expect(try await slow.value.body == "2000")
            #expect(try await server.get("/add?a=1&b=2").body == "3")
        }
    }

    @Test func aCallOverTheTimeoutGets504AndIsCancelled() async throws {
        try await withFixtures(timeouts: .init(call: .milliseconds(200))) { server in
            let before = naps.cancelled.load(ordering: .relaxed)
            let reply = try await server.post("/nap", #"{"milliseconds": 5000}"#)
            #expect(reply.status == 504)
            #expect((reply.json["error"] as? String)?.contains("nap did not finish within 0.2 s") == true)
            try await Task.sleep(for: .milliseconds(100))
            #expect(naps.cancelled.load(ordering: .relaxed) > before)
            // The connection and the server go on.
            #expect(try await server.post("/nap", #"{"milliseconds": 1}"#).body == "1")
        }
    }

    @Test func aClientThatHangsUpOnAnAsyncCallHasItCancelledOverARealSocket() async throws {
        try await withFixtures { server in
            let url = try ServiceURL(parsing: try #require(server.client.url))
            let before = naps.cancelled.load(ordering: .relaxed)
            // A client that gives up after 300 ms and closes its connection, as a user's Ctrl-C would.
            let impatient = HTTPExchange(url: url, timeoutSeconds: 0.3)
            await #expect(throws: HTTPExchange.Failure.self) {
                try await impatient.send(
                    RemoteRequest(method: "POST", path: "/nap", body: Array(#"{"milliseconds": 60000}"#.utf8)))
            }
            var inFlight = ""
            for _ in 0..<200 {
                inFlight = try await server.get("/metrics").body
                if inFlight.contains("serve_requests_in_flight 0"), naps.cancelled.load(ordering: .relaxed) > before {
                    break
                }
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(inFlight.contains("serve_requests_in_flight 0"))
            #expect(naps.cancelled.load(ordering: .relaxed) > before)
        }
    }
}
