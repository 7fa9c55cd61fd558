import Testing

@testable import Serve
@testable import ServeFixtures
@testable import ServeHTTP

@Suite struct ServiceURLTests {
    @Test(arguments: [
        ("http://127.0.0.1:5000/healthz", "127.0.0.1", 5000, "/healthz"),
        ("http://example.com", "example.com", 80, ""),
        ("http://example.com/", "example.com", 80, ""),
        ("http://[::1]:8080/api/", "::1", 8080, "/api"),
        ("http://service:5000/v2/health/live", "service", 5000, "/v2/health/live"),
    ])
    func parses(_ url: String, host: String, port: Int, path: String) throws {
        let parsed = try ServiceURL(parsing: url)
        #expect(parsed == ServiceURL(host: host, port: port, path: path))
    }

    @Test(arguments: [
        "ftp://host", "https://host", "http://", "http://:80", "http://host:99999", "http://[::1/", "host",
    ])
    func rejects(_ url: String) {
        #expect(throws: (any Error).self) { try ServiceURL(parsing: url) }
    }

    @Test func joinsRoutesUnderItsPath() throws {
        #expect(try ServiceURL(parsing: "http://h").joined("/add") == "/add")
        #expect(try ServiceURL(parsing: "http://h/api").joined("/iris/predict") == "/api/iris/predict")
        #expect(try ServiceURL(parsing: "http://h").joined("") == "/")
        #expect("\(try ServiceURL(parsing: "http://[::1]:81/x"))" == "http://[::1]:81/x")
    }
}
