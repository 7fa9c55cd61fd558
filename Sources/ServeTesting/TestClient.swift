public import HTTPTypes
// Re-exported: a test reads responses (`RemoteResponse`) and calls functions with Serve's types.
@_exported public import Serve
internal import ServeHTTP

/// Sends requests to a ``TestService`` and returns whole responses. It is also a `RemoteService`, so
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

    /// Sends `method uri` with `headers` and `body`, and returns the response, whatever its status.
    public func execute(_ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields = [:], body: [UInt8]? = nil)
        async throws -> TestResponse
    {
        let fields = headers.map { (name: $0.name.rawName, value: $0.value) }
        return try await send(RemoteRequest(method: method.rawValue, path: uri, headers: fields, body: body))
    }

    /// `GET uri`.
    public func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(.get, uri, headers: headers)
    }

    /// `POST uri` with a JSON body.
    public func post(_ uri: String, json: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        var headers = headers
        if headers[.contentType] == nil { headers[.contentType] = "application/json" }
        return try await execute(.post, uri, headers: headers, body: Array(json.utf8))
    }

    /// `POST uri` with a body of the given media type (a form, say).
    public func post(_ uri: String, body: String, contentType: String, headers: HTTPFields = [:]) async throws
        -> TestResponse
    {
        var headers = headers
        headers[.contentType] = contentType
        return try await execute(.post, uri, headers: headers, body: Array(body.utf8))
    }

    /// Sends `request` as ``execute(_:_:headers:body:)`` does, for the typed calls `@Endpoint` generates.
    public func exchange(_ request: RemoteRequest) async throws(RemoteCallError) -> RemoteResponse {
        do {
            return try await send(request)
        } catch let error as RemoteCallError {
            throw error
        } catch {
            throw RemoteCallError(status: nil, message: "\(error)")
        }
    }

    private func send(_ request: RemoteRequest) async throws -> RemoteResponse {
        switch transport {
        case .inProcess(let connection):
            return try await connection.send(request)
        case .live(let server):
            let url = ServiceURL(host: server.address.host, port: server.address.port)
            return try await HTTPExchange(url: url, timeoutSeconds: 60).send(request)
        }
    }
}

/// A whole response: its status, header fields and body.
public typealias TestResponse = RemoteResponse
