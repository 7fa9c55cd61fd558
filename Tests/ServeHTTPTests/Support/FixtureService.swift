import Foundation
import HTTPTypes
import ServeHTTP
import ServeTesting
import Testing

@testable import ServeFixtures

/// The fixtures served through ServeTesting, with a client whose replies the assertions read as text and
/// dictionaries. Live by default: these suites were written against a real socket.
func withFixtures(
    _ transport: TestService.Transport = .live,
    limits: HTTPServer.Limits = HTTPServer.Limits(),
    timeouts: HTTPServer.Timeouts = HTTPServer.Timeouts(),
    access: HTTPServer.Access = HTTPServer.Access(),
    _ body: (FixtureClient) async throws -> Void
) async throws {
    var service = TestService(functions: fixtureFunctions, groups: fixtureGroups)
    service.configuration.limits = limits
    service.configuration.timeouts = timeouts
    service.configuration.access = access
    try await service.test(transport) { client in try await body(FixtureClient(client: client)) }
}

/// A ``TestClient`` with the replies these suites assert on.
struct FixtureClient: Sendable {
    let client: TestClient

    struct Reply {
        let response: TestResponse
        var status: Int { response.status }
        var body: String { response.text }
        func header(_ name: String) -> String? { response.header(name) }
        /// The body as a JSON object (for error documents).
        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        }
    }

    func request(
        _ method: String, _ path: String, body: String? = nil, contentType: String? = nil,
        headers: [String: String] = [:]
    ) async throws -> Reply {
        var fields = HTTPFields()
        for (name, value) in headers { fields[try #require(HTTPField.Name(name))] = value }
        if let contentType { fields[.contentType] = contentType }
        let method = try #require(HTTPRequest.Method(method))
        return Reply(
            response: try await client.execute(method, path, headers: fields, body: body.map { Array($0.utf8) }))
    }

    func post(_ path: String, _ body: String, contentType: String = "application/json") async throws -> Reply {
        try await request("POST", path, body: body, contentType: contentType)
    }

    func get(_ path: String, headers: [String: String] = [:]) async throws -> Reply {
        try await request("GET", path, headers: headers)
    }
}
