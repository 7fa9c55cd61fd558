public import Serve
internal import ServeHTTP

/// Sends requests to a ``TestService`` and returns whole responses. It is also a ``RemoteService``, so
/// the typed `name(on:…)` overloads that `@Endpoint` generates call functions through it.
public struct TestClient: RemoteService {
    enum Transport: Sendable {
        case inProcess(InProcessConnection)
        case live(HTTPServer)
    }

    let transport: Transport

    /// The live server's base URL (`http://127.0.0.1:PORT`); nil in process.
    public var url: String? {
        guard case .live(let server) = transport else { return nil }
        return server.address.url
    }

    /// Sends `method uri` with `headers` and `body`, and returns the response.
    public func execute(
        _ method: String, _ uri: String, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil
    ) async throws -> TestResponse {
        switch transport {
        case .inProcess(let connection):
            return try await connection.send(method, uri, headers: headers, body: body)
        case .live(let server):
            let exchange = HTTPExchange(
                url: ServiceURL(host: server.address.host, port: server.address.port), timeoutSeconds: 60)
            let answer = try await exchange.send(method, path: uri, headers: headers, body: body)
            return TestResponse(status: answer.status, headers: answer.headers, body: answer.body)
        }
    }

    /// `GET uri`.
    public func get(_ uri: String, headers: [(name: String, value: String)] = []) async throws -> TestResponse {
        try await execute("GET", uri, headers: headers)
    }

    /// `POST uri` with a JSON body.
    public func post(_ uri: String, json: String, headers: [(name: String, value: String)] = []) async throws
        -> TestResponse
    {
        try await execute(
            "POST", uri, headers: [("content-type", "application/json")] + headers, body: Array(json.utf8))
    }

    /// `POST uri` with a body of the given media type (a form, say).
    public func post(_ uri: String, body: String, contentType: String, headers: [(name: String, value: String)] = [])
        async throws -> TestResponse
    {
        try await execute("POST", uri, headers: [("content-type", contentType)] + headers, body: Array(body.utf8))
    }

    /// The body of the answer to `GET path`; an answer other than 200 throws ``RemoteCallError``.
    public func get(path: String) async throws -> [UInt8] {
        try await get(path).bodyOfSuccess()
    }

    /// The body of the answer to `POST path` with a JSON body; an answer other than 200 throws
    /// ``RemoteCallError``.
    public func post(path: String, json body: [UInt8]) async throws -> [UInt8] {
        try await execute("POST", path, headers: [("content-type", "application/json")], body: body).bodyOfSuccess()
    }
}

/// A whole response.
public struct TestResponse: Sendable {
    /// The status code: 200, 422, …
    public let status: Int
    /// The header fields, in order, names as the server wrote them.
    public let headers: [(name: String, value: String)]
    /// The body.
    public let body: [UInt8]

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON document, nil when it is not JSON.
    public var json: JSONValue? { try? JSONValue(parsing: body) }

    /// The first value of the header `name`, compared without case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The body of a 200; any other status throws the ``RemoteCallError`` a client would get.
    func bodyOfSuccess() throws(RemoteCallError) -> [UInt8] {
        guard status == 200 else { throw RemoteCallError(status: status, body: body) }
        return body
    }
}
