internal import NIOHTTP1
package import Serve

/// The Open Inference Protocol's REST API (v2, as KServe, Triton and MLServer speak it) for every served
/// model and function: `GET /v2` (the server), `GET /v2/models/NAME` (its tensors), `…/ready`, and
/// `POST /v2/models/NAME/infer`, each also under `/v2/models/NAME/versions/1`. The health paths are the
/// probes'. An inference call runs within the ``InFlightLimit``: a model's on the request's tensors as they
/// came (``TensorInterface/run``), a Swift function's bound from them as JSON arguments. Its errors are `{"error": …}` with 400 (404 for an unknown model).
package struct InferenceResponder: Responder {
    private let models: [String: InferenceModel]
    /// The service's name and version (the server metadata).
    package let info: ServiceInfo
    private let state: ServerState
    private let limit: InFlightLimit

    /// Serves `functions` as models, refusing two of one name (a function `add` and a model named `add`).
    init(functions: [BoundFunction], info: ServiceInfo, state: ServerState, limit: InFlightLimit)
        throws(RouterError)
    {
        var models: [String: InferenceModel] = [:]
        for function in functions {
            let model = InferenceModel(function)
            if let other = models[model.name] {
                throw .duplicateModel(model.name, other.function.qualifiedName, function.qualifiedName)
            }
            models[model.name] = model
        }
        self.models = models
        self.info = info
        self.state = state
        self.limit = limit
    }

    /// The extensions the server metadata lists.
    package static let extensions = ["binary_tensor_data"]

    func respond(to request: Request) -> Outcome? {
        guard request.path == "/v2" || request.path.hasPrefix("/v2/") else { return nil }
        if request.path == "/v2" {
            guard request.method == .GET else {
                return .plain(.methodNotAllowed(request.method, path: request.path, allow: "GET"))
            }
            return .plain(
                json([
                    "name": .string(info.title), "version": .string(info.version),
                    "extensions": .array(Self.extensions.map(JSONValue.string)),
                ]))
        }
        var parts = request.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst(2)
        guard parts.first == "models", parts.count >= 2 else { return nil }
        parts.removeFirst()
        let name = String(parts.removeFirst())
        guard let model = models[name] else {
            let known = modelNames.map { "'\($0)'" }.joined(separator: ", ")
            return .plain(.error(RequestError(status: 404, message: "No model '\(name)'. Models: \(known).")))
        }
        if parts.first == "versions" {
            parts.removeFirst()
            guard let version = parts.first, version == InferenceModel.version else {
                let message =
                    "Model '\(name)' has no version '\(parts.first ?? "")'; it has version \(InferenceModel.version)."
                return .plain(.error(RequestError(status: 404, message: message)))
            }
            parts.removeFirst()
        }
        switch Array(parts) {
        case []:
            guard request.method == .GET else {
                return .plain(.methodNotAllowed(request.method, path: request.path, allow: "GET"))
            }
            return .plain(json(model.metadata))
        case ["ready"]:
            guard request.method == .GET else {
                return .plain(.methodNotAllowed(request.method, path: request.path, allow: "GET"))
            }
            guard state.isReady else {
                return .plain(.error(RequestError(status: 503, message: "The service is shutting down.")))
            }
            return .plain(json(["name": .string(model.name), "ready": true]))
        case ["infer"]:
            guard request.method == .POST else {
                return .plain(.methodNotAllowed(request.method, path: request.path, allow: "POST"))
            }
            return infer(model, request)
        default:
            return nil
        }
    }

    private func infer(_ model: InferenceModel, _ request: Request) -> Outcome {
        let label = Self.label(model)
        do {
            let call = try InferenceRequest(
                body: RequestBinding.bytes(of: request.body),
                headerLength: request.header("inference-header-content-length"), model: model)
            return try infer(call, on: model) { outputs in
                try InferenceResponse.response(outputs, model: model, request: call)
            }
        } catch {
            return .respond(.error(Self.failure(error, function: model.function)), function: label)
        }
    }

    /// Runs `call` on `model` within the ``InFlightLimit`` and answers with what `answer` makes of the
    /// outputs: a model's on the tensors as they came (``TensorInterface/run``), a Swift function's bound
    /// from them as JSON arguments. What it throws goes through ``failure(_:function:)``.
    package func infer<Answer>(
        _ call: InferenceRequest, on model: InferenceModel,
        answer: @escaping @Sendable ([InferenceResponse.Output]) throws -> Answer
    ) throws -> CallOutcome<Answer> {
        let function = model.function
        let label = Self.label(model)
        let refusal: @Sendable (any Error) -> any Error = { Self.failure($0, function: function) }
        switch call.inputs {
        case .tensors(let tensors, .immediate(let run)):
            return try limit.run(label: label) {
                try answer(InferenceResponse.outputs(try run(tensors), request: call))
            }
        case .tensors(let tensors, .deferred(let bind)):
            return try limit.runLater(label: label, waitsOnBatcher: true, refusal: refusal) {
                let work = try bind(tensors)
                return { try answer(InferenceResponse.outputs(try await work(), request: call)) }
            }
        case .arguments(let arguments):
            var reader = JSONReader(bytes: arguments, range: 0..<arguments.count)
            return try limit.call(
                function, label: label, arguments: try RequestBinding.arguments(from: &reader, function: function),
                answer: { result in try answer(InferenceResponse.outputs(result, request: call, model: model)) },
                refusal: refusal)
        }
    }

    /// The name a model's calls have in metrics and logs.
    package static func label(_ model: InferenceModel) -> String { model.function.qualifiedName + " (v2)" }

    /// The model served as `name`, if any.
    package func model(named name: String) -> InferenceModel? { models[name] }

    /// The names of the models, sorted.
    package var modelNames: [String] { models.keys.sorted() }

    /// The protocol's refusal of a call: 400 for what another route answers 422.
    package static func failure(_ error: any Error, function: BoundFunction) -> RequestError {
        var failure = RequestBinding.requestError(for: error, function: function.qualifiedName)
        if failure.status == 422 { failure.status = 400 }
        return failure
    }

    private func json(_ value: JSONValue) -> Response {
        var writer = JSONWriter()
        value.write(to: &writer)
        return .json(JSONOutput(writer))
    }
}
