/// One request to a service, as every client of this package sends it (the `serve` command's SwiftNIO
/// client, `ServeClient` over URLSession, `TestClient` in process or over a socket).
public struct RemoteRequest: Sendable {
    /// `GET`, `POST`, …
    public var method: String
    /// The path and query: `/add?a=1&b=2`.
    public var path: String
    /// Header fields in order; a JSON body gets `Content-Type: application/json` unless one is given.
    public var headers: [(name: String, value: String)]
    /// Nil for a request without a body.
    public var body: [UInt8]?

    /// A request of its parts.
    public init(method: String, path: String, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }
}

/// A whole response from a service, whatever its status.
public struct RemoteResponse: Sendable {
    /// The status code: 200, 422, …
    public let status: Int
    /// The header fields, in order, names as the server wrote them.
    public let headers: [(name: String, value: String)]
    /// The body.
    public let body: [UInt8]

    /// A response of its parts.
    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON document, nil when it is not JSON.
    public var json: JSONValue? { try? JSONValue(parsing: body) }

    /// The first value of the header `name`, compared without case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The body of a 200; any other status throws the ``RemoteCallError`` the service's answer says.
    /// The one check every client makes.
    public func successBody() throws(RemoteCallError) -> [UInt8] {
        guard status == 200 else { throw RemoteCallError(status: status, body: body) }
        return body
    }
}
