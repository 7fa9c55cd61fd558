import Foundation
import FoundationNetworking
import Logging

@testable import Serve

/// The real server on a free loopback port, serving the fixtures, with a URLSession client.
struct TestServer {
    let server: HTTPServer
    var base: String { server.address.url }

    static func start(
        limits: HTTPServer.Limits = HTTPServer.Limits(),
        timeouts: HTTPServer.Timeouts = HTTPServer.Timeouts(),
        access: HTTPServer.Access = HTTPServer.Access()
    ) async throws -> TestServer {
        let functions = try await fixtureCatalog.bind(try fixtureCatalog.select([]), options: GroupOptions())
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let configuration = HTTPServer.Configuration(
            address: BindAddress(host: "127.0.0.1", port: 0),
            limits: limits,
            timeouts: timeouts,
            access: access,
            threads: 1,
            logger: logger
        )
        return TestServer(
            server: try await HTTPServer.start(functions: functions, info: ServiceInfo(), configuration: configuration))
    }

    struct Reply {
        let status: Int
        let body: String
        /// Header values by lowercased name.
        let headers: [String: String]

        func header(_ name: String) -> String? { headers[name.lowercased()] }

        /// The body as a JSON object (for error documents).
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:] }
    }

    func request(
        _ method: String, _ path: String, body: String? = nil, contentType: String? = nil,
        headers: [String: String] = [:]
    ) async throws -> Reply {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        if let body { request.httpBody = Data(body.utf8) }
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var headers: [String: String] = [:]
        for case (let name as String, let value as String) in http.allHeaderFields {
            headers[name.lowercased()] = value
        }
        return Reply(status: http.statusCode, body: String(decoding: data, as: UTF8.self), headers: headers)
    }

    func post(_ path: String, _ body: String, contentType: String = "application/json") async throws -> Reply {
        try await request("POST", path, body: body, contentType: contentType)
    }

    func get(_ path: String, headers: [String: String] = [:]) async throws -> Reply {
        try await request("GET", path, headers: headers)
    }

    func stop() async { await server.stop() }
}
