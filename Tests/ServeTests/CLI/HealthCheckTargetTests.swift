import Testing

@testable import Serve

@Suite struct HealthCheckTargetTests {
    @Test(arguments: [
        ("http://127.0.0.1:5000/healthz", "127.0.0.1", 5000, "/healthz"),
        ("http://example.com", "example.com", 80, "/healthz"),
        ("http://[::1]:8080/readyz", "::1", 8080, "/readyz"),
        ("http://[::1]", "::1", 80, "/healthz"),
        ("http://service:5000/v2/health/live", "service", 5000, "/v2/health/live"),
    ])
    func parses(_ url: String, host: String, port: Int, path: String) throws {
        let target = try HealthCheckTarget(url: url)
        #expect(target.host == host)
        #expect(target.port == port)
        #expect(target.path == path)
    }

    @Test(arguments: [
        "ftp://host", "https://host", "http://", "http://:80", "http://host:99999", "http://[::1/", "host",
    ])
    func rejects(_ url: String) {
        #expect(throws: (any Error).self) { try HealthCheckTarget(url: url) }
    }

    @Test func namesTheWholeURL() throws {
        #expect("\(try HealthCheckTarget(url: "http://[::1]:81"))" == "http://[::1]:81/healthz")
    }
}
