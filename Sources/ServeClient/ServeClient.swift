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
/// Every failure is a `RemoteCallError` (from `Serve`): the service's status, `error` and `errors` when it answered,
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

    /// Sends `request` over the client's URLSession and returns the whole response, whatever its status.
    public func exchange(_ request: RemoteRequest) async throws(RemoteCallError) -> RemoteResponse {
        var base = url.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        var urlRequest = URLRequest(url: URL(string: base + request.path) ?? url)
        urlRequest.httpMethod = request.method
        urlRequest.setValue("application/json", forHTTPHeaderField: "Accept")
        if let token { urlRequest.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        for header in request.headers { urlRequest.setValue(header.value, forHTTPHeaderField: header.name) }
        if let body = request.body {
            urlRequest.httpBody = Data(body)
            if urlRequest.value(forHTTPHeaderField: "Content-Type") == nil {
                urlRequest.setValue("application/json", forHTTPHeaderField: "Content-Type")
            }
        }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch {
            throw RemoteCallError(status: nil, message: "\(urlRequest.url?.absoluteString ?? "?"): \(error)")
        }
        let http = response as? HTTPURLResponse
        let headers = (http?.allHeaderFields ?? [:]).compactMap { field -> (name: String, value: String)? in
            guard let name = field.key as? String, let value = field.value as? String else { return nil }
            return (name, value)
        }
        return RemoteResponse(status: http?.statusCode ?? 0, headers: headers, body: Array(data))
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
