import Foundation
import Testing

@testable import Serve
@testable import ServeFixtures
@testable import ServeHTTP

/// `/metrics` and `X-Request-ID`, over a real socket.
@Suite struct MetricsAndRequestIDTests {
    @Test func metricsCountRequestsPerFunctionAndStatus() async throws {
        try await withFixtures { server in
            _ = try await server.get("/add?a=1&b=2")
            _ = try await server.get("/add?a=1&b=2")
            _ = try await server.get("/add?a=x&b=2")
            _ = try await server.post("/add/batch", #"{"instances": [[1, 2]]}"#)
            _ = try await server.get("/nowhere")
            let metrics = try await server.get("/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.header("content-type") == "text/plain; version=0.0.4; charset=utf-8")
            let text = metrics.body
            #expect(text.contains(#"serve_requests_total{function="add",status="200"} 2"#))
            #expect(text.contains(#"serve_requests_total{function="add",status="422"} 1"#))
            #expect(text.contains(#"serve_requests_total{function="add/batch",status="200"} 1"#))
            #expect(text.contains(#"serve_requests_total{function="-",status="404"} 1"#))
            #expect(text.contains(#"serve_request_duration_seconds_count{function="add",status="200"} 2"#))
            #expect(text.contains(#"serve_request_duration_seconds_bucket{function="add",status="200",le="0.0001"}"#))
            #expect(text.contains("serve_requests_in_flight 0"))
            #expect(text.contains(#"serve_model_load_seconds{group="greeter"}"#))
        }
    }

    @Test func requestIDsAreHonouredOrMade() async throws {
        try await withFixtures { server in
            let given = try await server.get("/add?a=1&b=2", headers: ["X-Request-ID": "trace-42"])
            #expect(given.header("x-request-id") == "trace-42")
            let made = try await server.get("/add?a=1&b=2")
            let id = try #require(made.header("x-request-id"))
            #expect(id.count == 15 && id != "trace-42")
            let again = try await server.get("/add?a=1&b=2")
            #expect(again.header("x-request-id") != id)
            // An id that could break a log line is replaced.
            let unsafe = try await server.get(
                "/add?a=1&b=2", headers: ["X-Request-ID": String(repeating: "z", count: 200)])
            #expect(unsafe.header("x-request-id")?.count == 15)
        }
    }
}
