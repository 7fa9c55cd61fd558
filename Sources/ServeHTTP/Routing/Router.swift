internal import NIOCore
internal import NIOHTTP1
internal import Serve

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
    /// The routes (and batch routes) of functions that take files: their bodies may be larger.
    private let uploadPaths: [String]
    private let documents: [String: Response]
    private let docsPage: Response
    private let token: AccessToken?
    private let publicDocs: Bool
    /// Which browser origins may call; read again when each response is written.
    let crossOrigin: CrossOriginPolicy
    private let state: ServerState
    private let metrics: ServiceMetrics

    /// Routes `functions`; calls need `token` when given (documents too unless `publicDocs`), and browsers
    /// of the origins `crossOrigin` allows may call.
    init(
        functions: [BoundFunction], info: ServiceInfo, maximumBatchSize: Int, token: AccessToken?, publicDocs: Bool,
        crossOrigin: CrossOriginPolicy, state: ServerState, metrics: ServiceMetrics
    ) throws(RouterError) {
        var table: [String: BoundFunction] = [:]
        var batches: [String: BoundFunction] = [:]
        for function in functions {
            let path = function.route.path
            if Self.reservedPaths.contains(path) { throw .reservedPath(path, function.qualifiedName) }
            if let other = table[path] { throw .duplicatePath(path, other.qualifiedName, function.qualifiedName) }
            table[path] = function
            batches[function.route.batchPath] = function
        }
        if let clash = batches.first(where: { table[$0.key] != nil }) {
            throw .duplicatePath(clash.key, clash.value.qualifiedName + " (batch)", table[clash.key]!.qualifiedName)
        }
        self.functions = table
        self.batches = batches
        uploadPaths = functions.filter(\.takesFiles).flatMap { [$0.route.path, $0.route.batchPath] }
        self.maximumBatchSize = maximumBatchSize
        self.token = token
        self.publicDocs = publicDocs
        self.crossOrigin = crossOrigin
        self.state = state
        self.metrics = metrics
        let manifest = ServiceManifest(functions: functions, info: info, maximumBatchSize: maximumBatchSize).jsonValue
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

    /// Whether the request target is a function that takes files (so its body may be an upload). Runs for
    /// every request head: compares bytes, makes no string.
    func takesUploads(_ uri: String) -> Bool {
        guard !uploadPaths.isEmpty else { return false }
        let utf8 = uri.utf8
        var end = utf8.firstIndex(of: UInt8(ascii: "?")) ?? utf8.endIndex
        if utf8.distance(from: utf8.startIndex, to: end) > 1, utf8[utf8.index(before: end)] == UInt8(ascii: "/") {
            end = utf8.index(before: end)
        }
        let path = utf8[..<end]
        return uploadPaths.contains { $0.utf8.elementsEqual(path) }
    }

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
                arguments = try RequestBinding.arguments(
                    for: function, body: body, contentType: head.headers.first(name: "content-type") ?? "")
            case .GET where function.acceptsQuery:
                let query = queryStart.map { uri.utf8[uri.utf8.index(after: $0)...] } ?? uri.utf8[uri.utf8.endIndex...]
                arguments = try RequestBinding.arguments(for: function, query: query)
            case .GET:
                let hint = " \(name) takes structured arguments, so send them as a JSON body."
                return .respond(.methodNotAllowed(head.method, path: path, allow: "POST", hint: hint), function: name)
            default:
                let allow = function.acceptsQuery ? "GET, POST" : "POST"
                return .respond(.methodNotAllowed(head.method, path: path, allow: allow), function: name)
            }
            return try call(
                function, label: name,
                immediate: { call in
                    var writer = JSONWriter()
                    try call((), &arguments, &writer)
                    return JSONOutput(writer)
                },
                deferred: { bind in try bind((), &arguments) })
        } catch {
            return .respond(.error(RequestBinding.requestError(for: error, function: name)), function: name)
        }
    }

    /// Runs a bound call within the in-flight limit: a synchronous one now, an `async` one as the work
    /// the caller runs (which leaves the limit when the work ends, even after a timeout).
    private func call(
        _ function: BoundFunction,
        label: String,
        immediate: (RequestBinding.ImmediateCall) throws -> JSONOutput,
        deferred: (RequestBinding.DeferredCall) throws -> @Sendable () async throws -> JSONOutput
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
                .methodNotAllowed(head.method, path: function.route.batchPath, allow: "POST", hint: hint),
                function: label)
        }
        do {
            let batch = try BatchCall(
                function: function, body: body, contentType: head.headers.first(name: "content-type") ?? "",
                maximumSize: maximumBatchSize)
            return try call(
                function, label: label,
                immediate: { call in try batch.run(call) },
                deferred: { bind in try batch.bind(bind) })
        } catch {
            return .respond(
                .error(RequestBinding.requestError(for: error, function: function.qualifiedName)), function: label)
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
