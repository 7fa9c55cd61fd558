internal import NIOHTTP1
internal import Serve

/// Calls functions: `GET` and `POST` on a function's route, `POST` on its batch route, each bound from
/// the request and run within the ``InFlightLimit``.
struct FunctionResponder: Responder {
    /// Functions by their route (`/iris/predict`).
    private let functions: [String: BoundFunction]
    /// Functions by their batch route (`/iris/predict/batch`).
    private let batches: [String: BoundFunction]
    /// The most instances one batch may carry.
    private let maximumBatchSize: Int
    private let limit: InFlightLimit

    /// Routes `functions`, refusing a route the runtime's `reservedPaths` hold or two functions share.
    init(
        functions: [BoundFunction], reservedPaths: Set<String>, maximumBatchSize: Int, limit: InFlightLimit
    ) throws(RouterError) {
        var table: [String: BoundFunction] = [:]
        var batches: [String: BoundFunction] = [:]
        for function in functions {
            let path = function.route.path
            if reservedPaths.contains(path) { throw .reservedPath(path, function.qualifiedName) }
            if let other = table[path] { throw .duplicatePath(path, other.qualifiedName, function.qualifiedName) }
            table[path] = function
            batches[function.route.batchPath] = function
        }
        if let clash = batches.first(where: { table[$0.key] != nil }) {
            throw .duplicatePath(clash.key, clash.value.qualifiedName + " (batch)", table[clash.key]!.qualifiedName)
        }
        self.functions = table
        self.batches = batches
        self.maximumBatchSize = maximumBatchSize
        self.limit = limit
    }

    /// The routes of the functions, sorted (for the 404's list).
    var paths: [String] { functions.keys.sorted() }

    func respond(to request: Request) -> Outcome? {
        if let function = functions[request.path] { return call(function, request) }
        if let function = batches[request.path] { return callBatch(function, request) }
        return nil
    }

    private func call(_ function: BoundFunction, _ request: Request) -> Outcome {
        let name = function.qualifiedName
        do {
            let arguments: Arguments
            switch request.method {
            case .POST:
                arguments = try RequestBinding.arguments(
                    for: function, body: request.body, contentType: request.contentType)
            case .GET where function.acceptsQuery:
                arguments = try RequestBinding.arguments(for: function, query: request.query)
            case .GET:
                let hint = " \(name) takes structured arguments, so send them as a JSON body."
                return .respond(
                    .methodNotAllowed(request.method, path: request.path, allow: "POST", hint: hint), function: name)
            default:
                let allow = function.acceptsQuery ? "GET, POST" : "POST"
                return .respond(.methodNotAllowed(request.method, path: request.path, allow: allow), function: name)
            }
            return try limit.call(function, label: name, arguments: arguments, answer: { .json($0) })
        } catch {
            return .respond(.error(RequestBinding.requestError(for: error, function: name)), function: name)
        }
    }

    private func callBatch(_ function: BoundFunction, _ request: Request) -> Outcome {
        let label = function.qualifiedName + "/batch"
        guard request.method == .POST else {
            let hint = " A batch is a JSON body: {\"instances\": [...]}."
            return .respond(
                .methodNotAllowed(request.method, path: function.route.batchPath, allow: "POST", hint: hint),
                function: label)
        }
        do {
            let batch = try BatchCall(
                function: function, body: request.body, contentType: request.contentType,
                maximumSize: maximumBatchSize)
            return try limit.call(
                function, label: label,
                immediate: { call in try batch.run(call) },
                deferred: { bind in try batch.bind(bind) }, answer: { .json($0) })
        } catch {
            return .respond(
                .error(RequestBinding.requestError(for: error, function: function.qualifiedName)), function: label)
        }
    }
}
