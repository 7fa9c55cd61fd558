/// A running Serve service that calls can be sent to: the `serve` command's SwiftNIO client,
/// `ServeClient` (URLSession) for apps, and `TestClient` in tests.
///
/// `@Endpoint` generates, for each function, an overload that calls it on a service with the same
/// arguments, types checked by the compiler: `try await add(on: client, a: 10, b: 20)`.
public protocol RemoteService: Sendable {
    /// Sends `request` and returns the whole response, whatever its status; throws ``RemoteCallError``
    /// (with no status, naming the service) when there is no response.
    func exchange(_ request: RemoteRequest) async throws(RemoteCallError) -> RemoteResponse
}

extension RemoteService {
    /// The body of the answer to `GET path`; an answer other than 200 throws ``RemoteCallError``.
    public func getBody(path: String) async throws(RemoteCallError) -> [UInt8] {
        try await exchange(RemoteRequest(method: "GET", path: path)).successBody()
    }

    /// The body of the answer to `POST path` with a JSON body; an answer other than 200 throws
    /// ``RemoteCallError``.
    public func postBody(path: String, json body: [UInt8]) async throws(RemoteCallError) -> [UInt8] {
        let request = RemoteRequest(
            method: "POST", path: path, headers: [("Content-Type", "application/json")], body: body)
        return try await exchange(request).successBody()
    }

    /// Calls `function` (a member of `group`; nil for a free function) and reads its result.
    ///
    /// Macro support: the `name(on:…)` overloads `@Endpoint` generates call this.
    @_documentation(visibility: internal)
    public func call<Group, Result: WireCodable>(
        _ function: ServedFunction<Group>,
        group: String?,
        arguments: RemoteArguments,
        returning: Result.Type = Result.self
    ) async throws -> Result {
        try Result(jsonText: try await postBody(path: function.route(group: group).path, json: arguments.bytes))
    }

    /// Calls `function`, which returns nothing.
    ///
    /// Macro support: the `name(on:…)` overloads `@Endpoint` generates call this.
    @_documentation(visibility: internal)
    public func call<Group>(_ function: ServedFunction<Group>, group: String?, arguments: RemoteArguments)
        async throws
    {
        _ = try await postBody(path: function.route(group: group).path, json: arguments.bytes)
    }

    /// What the service serves: its `GET /` manifest.
    public func manifest() async throws -> ServiceManifest {
        let body = try await getBody(path: "/")
        do {
            return try ServiceManifest(parsing: body)
        } catch {
            throw RemoteCallError(status: 200, message: "\(error)")
        }
    }

    /// Calls a function known only at run time (from ``manifest()``) with a JSON object of named
    /// arguments, and returns its result as a JSON document.
    public func call(_ function: ManifestFunction, arguments: JSONValue) async throws -> JSONValue {
        let body = try await postBody(path: function.path, json: Array(arguments.text.utf8))
        do {
            return try JSONValue(parsing: body)
        } catch {
            throw RemoteCallError(status: 200, message: "the answer is not JSON (\(error))")
        }
    }
}

/// The named arguments of a remote call, written as the JSON object the service reads.
///
/// Macro support: the `name(on:…)` overloads `@Endpoint` generates fill one.
@_documentation(visibility: internal)
public struct RemoteArguments: Sendable {
    private var members: [(name: String, value: JSONOutput)] = []

    /// No arguments yet.
    public init() {}

    /// Adds the argument `name`.
    public mutating func append<T: WireCodable>(_ name: String, _ value: T) {
        members.append((name, JSONOutput(value)))
    }

    /// The JSON object's bytes.
    package var bytes: [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        for member in members {
            writer.writeKey(member.name)
            writer.writeRaw(member.value.text)
        }
        writer.endObject()
        return Array(writer.text.utf8)
    }
}

extension WireCodable {
    /// Reads a whole JSON text as a value of this type: a remote function's result.
    public init(jsonText bytes: [UInt8]) throws(RemoteCallError) {
        do {
            self = try Self(jsonDocument: bytes)
        } catch {
            switch error {
            case .malformed(let message):
                throw RemoteCallError(status: 200, message: "the answer is not JSON (\(message))")
            case .mismatch(let problems):
                throw RemoteCallError(
                    status: 200, message: "the answer is not \(Self.jsonSchema.displayName)", problems: problems)
            }
        }
    }
}
