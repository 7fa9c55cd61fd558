import Foundation
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
            let slow = Task { try await server.post("/nap", #"{"milliseconds": 400}"#) }
            try await Task.sleep(for: .milliseconds(150))
            let refused = try await server.get("/add?a=1&b=2")
            #expect(refused.status == 503)
            #expect(refused.header("retry-after") == "1")
            // Probes are not calls: they still answer.
            #expect(try await server.get("/healthz").status == 200)
            #expect(try await slow.value.body == "400")
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
}
