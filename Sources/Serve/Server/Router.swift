internal import NIOCore
internal import NIOHTTP1

/// Maps a complete request to its response. Everything that does not depend on the request (route
/// table, manifest, OpenAPI document, docs page) is built once, in `init`.
///
/// In order: CORS preflights, the probes (always open), the token check, then `/metrics`, functions,
/// batches and documents. Function calls count against the in-flight limit.
struct Router: Sendable {
    /// What a request leads to.
    enum Outcome {
        /// A response made at once; `function` names the function called, if any (for metrics).
        case respond(Response, function: String?)
        /// An `async` function was bound; run `work` and send its result.
        case run(function: String, work: @Sendable () async throws -> JSONOutput)
    }

    private let functions: [String: BoundFunction]
    /// Functions by their batch route (`/iris/predict/batch`).
    private let batches: [String: BoundFunction]
    /// The most instances one batch may carry.
    private let maximumBatchSize: Int
    private let documents: [String: Response]
    private let docsPage: Response
    private let token: AccessToken?
    private let publicDocs: Bool
    /// Which browser origins may call; read again when each response is written.
    let crossOrigin: CrossOriginPolicy
    private let state: ServerState
    private let metrics: ServiceMetrics

    init(
        functions: [BoundFunction], info: ServiceInfo, configuration: HTTPServer.Configuration, state: ServerState,
        metrics: ServiceMetrics
    ) throws(RouterError) {
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
        maximumBatchSize = configuration.limits.maximumBatchSize
        token = configuration.access.token.flatMap(AccessToken.init)
        publicDocs = configuration.access.publicDocs
        crossOrigin = CrossOriginPolicy(allowing: configuration.access.allowedOrigins)
        self.state = state
        self.metrics = metrics
        let manifest = Manifest.document(for: functions, info: info, maximumBatchSize: maximumBatchSize)
        let openAPI = OpenAPIDocument.document(
            for: functions, info: info, maximumBatchSize: maximumBatchSize, requiresToken: token != nil)
        func document(_ contentType: String, _ text: String) -> Response {
            Response(status: .ok, contentType: contentType, body: ByteBuffer(string: text))
        }
        var page = document(
            "text/html; charset=utf-8", DocsPage.html(manifest: manifest, info: info, requiresToken: token != nil))
        page.headers = [("content-security-policy", DocsPage.contentSecurityPolicy)]
        docsPage = page
        documents = [
            "/": document("application/json", manifest.text),
            "/openapi.json": document("application/json", openAPI.text),
            "/docs": page,
            DocsPage.scriptPath: document("text/javascript; charset=utf-8", DocsPageAssets.script),
            DocsPage.styleSheetPath: document("text/css; charset=utf-8", DocsPageAssets.css),
        ]
    }

    /// Paths the runtime itself answers.
    static let reservedPaths = Probe.paths.union([
        "/", "/openapi.json", "/docs", DocsPage.scriptPath, DocsPage.styleSheetPath, "/metrics",
    ])

    func route(_ head: HTTPRequestHead, body: ByteBuffer?) -> Outcome {
        let uri = head.uri
        let queryStart = uri.utf8.firstIndex(of: UInt8(ascii: "?"))
        var path = queryStart.map { String(uri[..<$0]) } ?? uri
        if path.utf8.count > 1, path.hasSuffix("/") { path.removeLast() }

        if crossOrigin.isEnabled, CrossOriginPolicy.isPreflight(head) {
            return .respond(crossOrigin.preflightResponse(for: head, allowedMethods: "GET, POST"), function: nil)
        }
        if let probe = Probe(path: path) {
            return .respond(probe.response(head.method, path: path, state: state), function: nil)
        }
        if let refusal = checkToken(head, path: path) { return .respond(refusal, function: nil) }

        guard let function = functions[path] else {
            if let function = batches[path] { return routeBatch(head, body: body, function: function) }
            return .respond(document(path, head: head), function: nil)
        }
        let name = function.qualifiedName
        do {
            var arguments: Arguments
            switch head.method {
            case .POST:
                arguments = try Self.arguments(fromBody: body, headers: head.headers, function: function)
            case .GET where function.acceptsQuery:
                let query = queryStart.map { uri.utf8[uri.utf8.index(after: $0)...] } ?? uri.utf8[uri.utf8.endIndex...]
                arguments = Arguments(fields: try FormFields.urlencoded(query), names: function.parameterNames)
            case .GET:
                let hint = " \(name) takes structured arguments, so send them as a JSON body."
                return .respond(.methodNotAllowed(head.method, path: path, allow: "POST", hint: hint), function: name)
            default:
                let allow = function.acceptsQuery ? "GET, POST" : "POST"
                return .respond(.methodNotAllowed(head.method, path: path, allow: allow), function: name)
            }
            return try call(
                function, label: name,
                immediate: { call in try call(&arguments) },
                deferred: { bind in try bind(&arguments) })
        } catch {
            return .respond(.error(Self.requestError(for: error, function: name)), function: name)
        }
    }

    /// Runs a bound call within the in-flight limit: a synchronous one now, an `async` one as the work
    /// the caller runs (which leaves the limit when the work ends, even after a timeout).
    private func call(
        _ function: BoundFunction,
        label: String,
        immediate: (BoundFunction.ImmediateCall) throws -> JSONOutput,
        deferred: (BoundFunction.DeferredCall) throws -> @Sendable () async throws -> JSONOutput
    ) throws -> Outcome {
        guard state.enter() else {
            let error = RequestError(
                status: 503,
                message: "The service is busy: \(state.maximumInFlight) calls are in flight. Retry shortly.")
            return .respond(.error(error, headers: [("retry-after", "1")]), function: label)
        }
        switch function.call {
        case .immediate(let call):
            defer { state.leave() }
            return .respond(.json(try immediate(call)), function: label)
        case .deferred(let bind):
            let work: @Sendable () async throws -> JSONOutput
            do {
                work = try deferred(bind)
            } catch {
                state.leave()
                throw error
            }
            return .run(function: label) { [state] in
                defer { state.leave() }
                return try await work()
            }
        }
    }

    /// 401 or 403 when the service has a token and the request lacks it; nil when it may go on.
    private func checkToken(_ head: HTTPRequestHead, path: String) -> Response? {
        guard let token, !(publicDocs && documents[path] != nil) else { return nil }
        switch token.verdict(for: head.headers) {
        case .granted:
            return nil
        case .missing:
            let error = RequestError(
                status: 401, message: "This service needs a token: send Authorization: Bearer <token>.")
            return .error(error, headers: [("www-authenticate", #"Bearer realm="serve""#)])
        case .wrong:
            return .error(RequestError(status: 403, message: "The token is not valid for this service."))
        }
    }

    private func routeBatch(_ head: HTTPRequestHead, body: ByteBuffer?, function: BoundFunction) -> Outcome {
        let label = function.qualifiedName + "/batch"
        guard head.method == .POST else {
            let hint = " A batch is a JSON body: {\"instances\": [...]}."
            return .respond(
                .methodNotAllowed(head.method, path: BatchCall.path(of: function), allow: "POST", hint: hint),
                function: label)
        }
        do {
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
            return try call(
                function, label: label,
                immediate: { call in try batch.run(call) },
                deferred: { bind in try batch.bind(bind) })
        } catch {
            return .respond(.error(Self.requestError(for: error, function: function.qualifiedName)), function: label)
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

    /// `/metrics`, a built-in document, 404, or 405.
    private func document(_ path: String, head: HTTPRequestHead) -> Response {
        if path == "/metrics" {
            guard head.method == .GET else { return .methodNotAllowed(head.method, path: path, allow: "GET") }
            let text = metrics.exposition(inFlight: state.inFlight)
            return Response(status: .ok, contentType: ServiceMetrics.contentType, body: ByteBuffer(bytes: text))
        }
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
            return docsPage
        }
        return document
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
