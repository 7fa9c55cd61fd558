public import Foundation
public import Serve

#if canImport(FoundationNetworking)
    public import FoundationNetworking
#endif

/// A client of a running Serve service, over URLSession.
///
/// Typed calls reuse the declarations the service is built from: `@Endpoint` generates
/// `add(on:a:b:)` next to `add(a:b:)`, so `try await add(on: client, a: 10, b: 20)` returns an `Int`
/// and does not compile with a string. Functions known only at run time are called by name with JSON
/// arguments: `try await client.call("add", ["a": 10, "b": 20])`.
///
/// Every failure is a ``RemoteCallError``: the service's status, `error` and `errors` when it answered,
/// or what went wrong when it did not.
public struct ServeClient: RemoteService {
    /// The service's base URL: `http://127.0.0.1:5000`.
    public let url: URL
    /// Sent as `Authorization: Bearer …` when set.
    public let token: String?
    private let session: URLSession
    private let manifestCache = ManifestCache()

    /// A client of the service at `url`.
    public init(url: URL, token: String? = nil, session: URLSession = .shared) {
        self.url = url
        self.token = token
        self.session = session
    }

    /// The body of the answer to `GET path`; an answer other than 200 throws ``RemoteCallError``.
    public func get(path: String) async throws -> [UInt8] {
        try await send(request(path: path, method: "GET"))
    }

    /// The body of the answer to `POST path` with a JSON body; an answer other than 200 throws
    /// ``RemoteCallError``.
    public func post(path: String, json body: [UInt8]) async throws -> [UInt8] {
        var request = request(path: path, method: "POST")
        request.httpBody = Data(body)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        return try await send(request)
    }

    /// Calls the function named `name` (`iris.predict`) with named arguments; its route comes from the
    /// service's manifest, read once.
    public func call(_ name: String, _ arguments: [String: JSONValue]) async throws -> JSONValue {
        let manifest = try await manifestCache.value { try await self.manifest() }
        guard let function = manifest.function(named: name) else {
            let names = manifest.functions.map(\.name).joined(separator: ", ")
            throw RemoteCallError(status: nil, message: "\(url) serves no function '\(name)'; it serves \(names)")
        }
        let members = arguments.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
        return try await call(function, arguments: .object(members))
    }

    private func request(path: String, method: String) -> URLRequest {
        var base = url.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        var request = URLRequest(url: URL(string: base + path) ?? url)
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        return request
    }

    private func send(_ request: URLRequest) async throws(RemoteCallError) -> [UInt8] {
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: request)
        } catch {
            throw RemoteCallError(status: nil, message: "\(request.url?.absoluteString ?? "?"): \(error)")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard status == 200 else { throw RemoteCallError(status: status, body: Array(data)) }
        return Array(data)
    }
}

/// The manifest, fetched on first use and kept.
private actor ManifestCache {
    private var manifest: ServiceManifest?

    func value(_ fetch: @Sendable () async throws -> ServiceManifest) async throws -> ServiceManifest {
        if let manifest { return manifest }
        let fetched = try await fetch()
        manifest = fetched
        return fetched
    }
}
