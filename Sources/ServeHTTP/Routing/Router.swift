internal import NIOCore
internal import NIOHTTP1
package import Serve

/// Maps a complete request to its outcome by asking each ``Responder`` in turn; the first that answers
/// wins, and a request none answers is a 404 naming the functions. Everything that does not depend on
/// the request (route tables, documents) is built once, in `init`.
///
/// The chain, in order: CORS preflights, the probes (always open), the token, function calls and
/// batches, the Open Inference Protocol (`/v2`), `/metrics`, the documents.
package struct Router: Sendable {
    private let responders: [any Responder]
    /// The Open Inference Protocol's models, which its gRPC form serves too.
    package let inference: InferenceResponder
    /// The token calls need, if any.
    package let token: AccessToken?
    /// The routes listed by the 404.
    private let functionPaths: [String]
    /// The routes (and batch routes) of functions that take files: their bodies may be larger.
    private let uploadPaths: [String]
    /// Which browser origins may call; read again when each response is written.
    let crossOrigin: CrossOriginPolicy

    /// Routes `functions`; calls need `token` when given (documents too unless `publicDocs`), and browsers
    /// of the origins `crossOrigin` allows may call.
    init(
        functions: [BoundFunction], info: ServiceInfo, maximumBatchSize: Int, token: AccessToken?, publicDocs: Bool,
        crossOrigin: CrossOriginPolicy, state: ServerState, metrics: ServiceMetrics
    ) throws(RouterError) {
        let limit = InFlightLimit(state: state)
        let calls = try FunctionResponder(
            functions: functions, reservedPaths: Self.reservedPaths, maximumBatchSize: maximumBatchSize,
            limit: limit)
        let inference = try InferenceResponder(functions: functions, info: info, state: state, limit: limit)
        let documents = DocumentResponder(
            functions: functions, info: info, maximumBatchSize: maximumBatchSize, requiresToken: token != nil)
        var responders: [any Responder] = [PreflightResponder(policy: crossOrigin), ProbeResponder(state: state)]
        if let token {
            responders.append(TokenGate(token: token, openPaths: publicDocs ? Set(documents.documents.keys) : []))
        }
        responders += [calls, inference, MetricsResponder(metrics: metrics, state: state), documents]
        self.responders = responders
        self.inference = inference
        self.token = token
        functionPaths = calls.paths
        uploadPaths = functions.filter(\.takesFiles).flatMap { [$0.route.path, $0.route.batchPath] }
        self.crossOrigin = crossOrigin
    }

    /// Paths the runtime itself answers.
    static let reservedPaths = Probe.paths.union([
        "/", "/openapi.json", "/docs", DocsPage.scriptPath, DocsPage.styleSheetPath, MetricsResponder.path, "/v2",
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
        let request = Request(head: head, body: body)
        for responder in responders {
            if let outcome = responder.respond(to: request) { return outcome }
        }
        let available = functionPaths.joined(separator: ", ")
        let message = "Nothing at \(request.path). Functions: \(available.isEmpty ? "none" : available); docs at /docs."
        return .plain(.error(RequestError(status: 404, message: message)))
    }
}

/// A route table that cannot be built.
enum RouterError: Error, CustomStringConvertible {
    case reservedPath(String, String)
    case duplicatePath(String, String, String)
    case duplicateModel(String, String, String)

    var description: String {
        switch self {
        case .reservedPath(let path, let function):
            "\(function) cannot be served at \(path): the runtime uses that path. Give it another with @Endpoint(path:)."
        case .duplicatePath(let path, let first, let second):
            "\(first) and \(second) would both be served at \(path). Give one another with @Endpoint(path:)."
        case .duplicateModel(let name, let first, let second):
            "\(first) and \(second) would both be the model '\(name)' at /v2/models/\(name). Rename one."
        }
    }
}
