internal import NIOCore
internal import NIOHTTP1

/// Maps a complete request to its response. Everything that does not depend on the request (route
/// table, manifest, OpenAPI document, docs page) is built once, in `init`.
struct Router: Sendable {
    /// What a request leads to.
    enum Outcome {
        case respond(Response)
        /// An `async` function was bound; run `work` and send its result.
        case run(function: String, work: @Sendable () async throws -> JSONOutput)
    }

    private let functions: [String: BoundFunction]
    /// Functions by their batch route (`/iris/predict/batch`).
    private let batches: [String: BoundFunction]
    /// The most instances one batch may carry.
    private let maximumBatchSize: Int
    private let documents: [String: (contentType: String, body: ByteBuffer)]
    private let docsPage: ByteBuffer

    init(functions: [BoundFunction], info: ServiceInfo, maximumBatchSize: Int) throws(RouterError) {
        var table: [String: BoundFunction] = [:]
        var batches: [String: BoundFunction] = [:]
        for function in functions {
            if Self.reservedPaths.contains(function.path) { throw .reservedPath(function.path, function.qualifiedName) }
            if let other = table[function.path] {
                throw .duplicatePath(function.path, other.qualifiedName, function.qualifiedName)
            }
            table[function.path] = function
            batches[BatchCall.path(of: function)] = function
        }
        if let clash = batches.first(where: { table[$0.key] != nil }) {
            throw .duplicatePath(clash.key, clash.value.qualifiedName + " (batch)", table[clash.key]!.qualifiedName)
        }
        self.functions = table
        self.batches = batches
        self.maximumBatchSize = maximumBatchSize
        let manifest = Manifest.document(for: functions, info: info, maximumBatchSize: maximumBatchSize)
        docsPage = ByteBuffer(string: DocsPage.html(manifest: manifest, info: info))
        let openAPI = OpenAPIDocument.document(for: functions, info: info, maximumBatchSize: maximumBatchSize)
        documents = [
            "/": ("application/json", ByteBuffer(string: manifest.text)),
            "/openapi.json": ("application/json", ByteBuffer(string: openAPI.text)),
            "/docs": ("text/html; charset=utf-8", docsPage),
            "/healthz": ("application/json", ByteBuffer(string: #"{"status":"ok"}"#)),
        ]
    }

    /// Paths the runtime itself answers.
    static let reservedPaths: Set<String> = ["/", "/openapi.json", "/docs", "/healthz"]

    func route(_ head: HTTPRequestHead, body: ByteBuffer?) -> Outcome {
        let uri = head.uri
        let queryStart = uri.utf8.firstIndex(of: UInt8(ascii: "?"))
        var path = queryStart.map { String(uri[..<$0]) } ?? uri
        if path.utf8.count > 1, path.hasSuffix("/") { path.removeLast() }

        guard let function = functions[path] else {
            if let function = batches[path] { return routeBatch(head, body: body, function: function) }
            return .respond(document(path, head: head))
        }
        do {
            var arguments: Arguments
            switch head.method {
            case .POST:
                arguments = try Self.arguments(fromBody: body, headers: head.headers, function: function)
            case .GET where function.acceptsQuery:
                let query = queryStart.map { uri.utf8[uri.utf8.index(after: $0)...] } ?? uri.utf8[uri.utf8.endIndex...]
                arguments = Arguments(fields: try FormFields.urlencoded(query), names: function.parameterNames)
            case .GET:
                let hint = " \(function.qualifiedName) takes structured arguments, so send them as a JSON body."
                return .respond(.methodNotAllowed(head.method, path: path, allow: "POST", hint: hint))
            default:
                return .respond(
                    .methodNotAllowed(head.method, path: path, allow: function.acceptsQuery ? "GET, POST" : "POST"))
            }
            switch function.call {
            case .immediate(let call):
                return .respond(.json(try call(&arguments)))
            case .deferred(let bind):
                return .run(function: function.qualifiedName, work: try bind(&arguments))
            }
        } catch {
            return .respond(.error(Self.requestError(for: error, function: function.qualifiedName)))
        }
    }

    private func routeBatch(_ head: HTTPRequestHead, body: ByteBuffer?, function: BoundFunction) -> Outcome {
        guard head.method == .POST else {
            let hint = " A batch is a JSON body: {\"instances\": [...]}."
            return .respond(
                .methodNotAllowed(head.method, path: BatchCall.path(of: function), allow: "POST", hint: hint))
        }
        do throws(RequestError) {
            let mediaType = Self.mediaType(of: head.headers.first(name: "content-type") ?? "")
            let bytes = body.map { Array($0.readableBytesView) } ?? []
            // `curl -d` labels JSON as a form; a batch is JSON whatever the label says, so only other
            // media types are refused.
            guard Self.isJSON(mediaType) || mediaType == "application/x-www-form-urlencoded" else {
                throw RequestError(
                    status: 415,
                    message: "Unsupported Content-Type '\(mediaType)' for a batch; send application/json."
                )
            }
            let batch = try BatchCall(function: function, body: bytes, maximumSize: maximumBatchSize)
            switch function.call {
            case .immediate(let call): return .respond(.json(try batch.run(call)))
            case .deferred(let bind): return .run(function: function.qualifiedName, work: try batch.bind(bind))
            }
        } catch {
            return .respond(.error(error))
        }
    }

    /// The response for what a function call threw.
    static func requestError(for error: any Error, function: String) -> RequestError {
        switch error {
        case let error as RequestError: error
        case let error as WireError: .invalidArguments(error.problems, function: function)
        case let error as ArgumentError: .invalidArguments(error.problems, function: function)
        default: RequestError(status: 500, message: "\(function) failed: \(error)")
        }
    }

    private static func arguments(fromBody body: ByteBuffer?, headers: HTTPHeaders, function: BoundFunction)
        throws(RequestError) -> Arguments
    {
        let bytes = body.map { Array($0.readableBytesView) } ?? []
        let contentType = headers.first(name: "content-type") ?? ""
        let mediaType = Self.mediaType(of: contentType)
        let firstByte = bytes.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        if bytes.isEmpty || firstByte == nil {
            return Arguments(fields: [], names: function.parameterNames)
        }
        switch mediaType {
        case let json where isJSON(json):
            return try jsonArguments(bytes, function: function)
        case "application/x-www-form-urlencoded":
            // `curl -d '{"a": 1}'` labels JSON as a form; a form field name never starts with { or [.
            if firstByte == UInt8(ascii: "{") || firstByte == UInt8(ascii: "[") {
                return try jsonArguments(bytes, function: function)
            }
            return Arguments(fields: try FormFields.urlencoded(bytes), names: function.parameterNames)
        case "multipart/form-data":
            return Arguments(
                fields: try FormFields.multipart(bytes, contentType: contentType), names: function.parameterNames)
        default:
            throw RequestError(
                status: 415,
                message: "Unsupported Content-Type '\(contentType)'; send application/json, "
                    + "application/x-www-form-urlencoded or multipart/form-data."
            )
        }
    }

    /// The media type of a Content-Type value without its parameters, lowercased: `application/json`.
    static func mediaType(of contentType: String) -> String {
        let utf8 = contentType.utf8
        var start = utf8.startIndex
        var end = utf8.firstIndex(of: UInt8(ascii: ";")) ?? utf8.endIndex
        while start < end, utf8[start] == UInt8(ascii: " ") { start = utf8.index(after: start) }
        while start < end, utf8[utf8.index(before: end)] == UInt8(ascii: " ") { end = utf8.index(before: end) }
        let type = Substring(utf8[start..<end])
        // Clients almost always send lowercase; only other spellings pay for lowercasing.
        return type.utf8.contains { $0 &- UInt8(ascii: "A") < 26 } ? type.lowercased() : String(type)
    }

    /// Media types whose bodies are read as JSON: none given, JSON, plain text and `+json` suffixes.
    private static func isJSON(_ mediaType: String) -> Bool {
        mediaType == "" || mediaType == "application/json" || mediaType == "text/plain" || mediaType.hasSuffix("+json")
    }

    private static func jsonArguments(_ bytes: [UInt8], function: BoundFunction) throws(RequestError) -> Arguments {
        do {
            try JSONSyntax.validate(bytes)
        } catch {
            throw .malformedJSON(error)
        }
        var reader = JSONReader(bytes: bytes, range: 0..<bytes.count)
        return try arguments(from: &reader, function: function)
    }

    /// Matches the JSON value at the reader (already validated) to `function`'s parameters: an object by
    /// name, an array by position. The reader ends after the value. `subject` names the value in errors.
    static func arguments(from reader: inout JSONReader, function: BoundFunction, subject: String = "The body")
        throws(RequestError) -> Arguments
    {
        reader.skipWhitespace()
        do {
            if reader.bytes[reader.index] == UInt8(ascii: "[") {
                return try Arguments(array: &reader, names: function.parameterNames)
            }
            return try Arguments(object: &reader, names: function.parameterNames, expected: "")
        } catch {
            throw RequestError(
                status: 422,
                message: "\(subject) must be a JSON object of named arguments or an array of positional arguments "
                    + "for \(function.qualifiedName); got \(error.problems.first?.got ?? "something else").",
                problems: [Problem(field: "", expected: "object or array", got: error.problems.first?.got ?? "")]
            )
        }
    }

    /// A built-in document, 404, or 405.
    private func document(_ path: String, head: HTTPRequestHead) -> Response {
        guard let document = documents[path] else {
            let available = functions.keys.sorted().joined(separator: ", ")
            return .error(
                RequestError(
                    status: 404,
                    message: "Nothing at \(path). Functions: \(available.isEmpty ? "none" : available); docs at /docs.")
            )
        }
        guard head.method == .GET else { return .methodNotAllowed(head.method, path: path, allow: "GET") }
        if path == "/", head.headers[canonicalForm: "accept"].contains(where: { $0.contains("text/html") }) {
            return Response(status: .ok, contentType: "text/html; charset=utf-8", body: docsPage)
        }
        return Response(status: .ok, contentType: document.contentType, body: document.body)
    }
}

/// A route table that cannot be built.
enum RouterError: Error, CustomStringConvertible {
    case reservedPath(String, String)
    case duplicatePath(String, String, String)

    var description: String {
        switch self {
        case .reservedPath(let path, let function):
            "\(function) cannot be served at \(path): the runtime uses that path. Give it another with @Endpoint(path:)."
        case .duplicatePath(let path, let first, let second):
            "\(first) and \(second) would both be served at \(path). Give one another with @Endpoint(path:)."
        }
    }
}

/// What the service calls itself in its manifest, OpenAPI document and docs page.
public struct ServiceInfo: Sendable {
    /// The application's title.
    public var title: String
    /// Its version.
    public var version: String

    /// Names the service.
    public init(title: String = "Serve", version: String = "0.1.0") {
        self.title = title
        self.version = version
    }
}
