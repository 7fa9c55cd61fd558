internal import GRPCCore
internal import Serve
internal import ServeHTTP

/// `inference.GRPCInferenceService`, the Open Inference Protocol's gRPC form, over the models and functions
/// the HTTP server's `/v2` routes serve: the same checks of the inputs, the same in-flight limit, batching,
/// call timeout and token, counted in the same metrics. `ServerLive` and `ServerReady` are open, as the
/// HTTP probes are; every other call needs the token when the service has one. Each response carries the
/// request's `x-request-id` (the client's, or a new one).
struct InferenceService: Inference_GRPCInferenceService.ServiceProtocol {
    let pipeline: ServerPipeline
    /// The most bytes of tensor data one request may carry (the HTTP body limit); more is `RESOURCE_EXHAUSTED`.
    let maximumPayloadSize: Int

    private var inference: InferenceResponder { pipeline.router.inference }

    func serverLive(
        request: ServerRequest<Inference_ServerLiveRequest>, context: ServerContext
    ) async throws -> ServerResponse<Inference_ServerLiveResponse> {
        await answer(request.metadata, function: nil, checksToken: false) {
            var response = Inference_ServerLiveResponse()
            response.live = true
            return response
        }
    }

    func serverReady(
        request: ServerRequest<Inference_ServerReadyRequest>, context: ServerContext
    ) async throws -> ServerResponse<Inference_ServerReadyResponse> {
        await answer(request.metadata, function: nil, checksToken: false) {
            var response = Inference_ServerReadyResponse()
            response.ready = pipeline.state.isReady
            return response
        }
    }

    func serverMetadata(
        request: ServerRequest<Inference_ServerMetadataRequest>, context: ServerContext
    ) async throws -> ServerResponse<Inference_ServerMetadataResponse> {
        await answer(request.metadata, function: nil) {
            var response = Inference_ServerMetadataResponse()
            response.name = inference.info.title
            response.version = inference.info.version
            response.extensions = InferenceResponder.extensions
            return response
        }
    }

    func modelReady(
        request: ServerRequest<Inference_ModelReadyRequest>, context: ServerContext
    ) async throws -> ServerResponse<Inference_ModelReadyResponse> {
        await answer(request.metadata, function: nil) { () throws(RequestError) in
            _ = try model(request.message.name, version: request.message.version)
            var response = Inference_ModelReadyResponse()
            response.ready = pipeline.state.isReady
            return response
        }
    }

    func modelMetadata(
        request: ServerRequest<Inference_ModelMetadataRequest>, context: ServerContext
    ) async throws -> ServerResponse<Inference_ModelMetadataResponse> {
        await answer(request.metadata, function: nil) { () throws(RequestError) in
            let model = try model(request.message.name, version: request.message.version)
            var response = Inference_ModelMetadataResponse()
            response.name = model.name
            response.versions = [InferenceModel.version]
            response.platform = model.platform
            response.inputs = TensorMessages.metadata(model.inputs)
            response.outputs = TensorMessages.metadata(model.outputs)
            return response
        }
    }

    func modelInfer(
        request: ServerRequest<Inference_ModelInferRequest>, context: ServerContext
    ) async throws -> ServerResponse<Inference_ModelInferResponse> {
        let message = request.message
        let label = inference.model(named: message.modelName).map { $0.function.qualifiedName + " (grpc)" }
        return await answer(request.metadata, function: label) { () async throws(RequestError) in
            let model = try model(message.modelName, version: message.modelVersion)
            let size = TensorMessages.payloadSize(of: message)
            guard size <= maximumPayloadSize else {
                throw RequestError(
                    status: 413,
                    message:
                        "The request carries \(size) bytes of tensor data; this service takes at most \(maximumPayloadSize)."
                )
            }
            do {
                let call = try InferenceRequest(
                    id: message.id.isEmpty ? nil : message.id, inputs: try TensorMessages.inputs(of: message),
                    outputs: message.outputs.map { ($0.name, true) }, allBinary: true, model: model)
                let outcome = try inference.infer(call, on: model) { [id = message.id] outputs in
                    try TensorMessages.response(outputs, model: model, id: id)
                }
                return try await OutcomeRunner.answer(
                    of: outcome, timeout: pipeline.timeouts.call, clientTimeout: Self.clientTimeout(request.metadata))
            } catch {
                throw InferenceResponder.failure(error, function: model.function)
            }
        }
    }

    /// The answer `make` gives, or the gRPC error of the refusal it throws; checks the token first unless
    /// `checksToken` is false, and counts the call under `function` (`nil` for the server's own calls).
    private func answer<Message: Sendable>(
        _ requestMetadata: Metadata, function: String?, checksToken: Bool = true,
        _ make: () async throws(RequestError) -> Message
    ) async -> ServerResponse<Message> {
        let started = ContinuousClock.now
        let metadata = Self.responseMetadata(requestMetadata)
        do throws(RequestError) {
            if checksToken { try authorize(requestMetadata) }
            let message = try await make()
            record(function, status: 200, since: started)
            return ServerResponse(message: message, metadata: metadata)
        } catch {
            record(function, status: error.status, since: started)
            return ServerResponse(error: GRPCStatus.error(error, metadata: metadata))
        }
    }

    /// The model `name` serves, at `version` (empty for any); a 404 (`NOT_FOUND`) names the models.
    private func model(_ name: String, version: String) throws(RequestError) -> InferenceModel {
        guard let model = inference.model(named: name) else {
            let known = inference.modelNames.map { "'\($0)'" }.joined(separator: ", ")
            throw RequestError(status: 404, message: "No model '\(name)'. Models: \(known).")
        }
        guard version.isEmpty || version == InferenceModel.version else {
            throw RequestError(
                status: 404,
                message: "Model '\(name)' has no version '\(version)'; it has version \(InferenceModel.version).")
        }
        return model
    }

    /// Refuses a call without the service's token (`UNAUTHENTICATED`) or with another (`PERMISSION_DENIED`).
    private func authorize(_ metadata: Metadata) throws(RequestError) {
        guard let token = pipeline.router.token else { return }
        let authorization = metadata[stringValues: "authorization"].first { _ in true }
        switch token.verdict(authorization: authorization) {
        case .granted: return
        case .missing:
            throw RequestError(status: 401, message: "This service needs a token: send authorization: Bearer <token>.")
        case .wrong:
            throw RequestError(status: 403, message: "The token is not valid for this service.")
        }
    }

    /// The response's metadata: the request's `x-request-id` when acceptable, else a new one.
    private static func responseMetadata(_ request: Metadata) -> Metadata {
        let id = RequestID.id(from: request[stringValues: "x-request-id"].first { _ in true })
        var metadata = Metadata()
        metadata.addString(id, forKey: "x-request-id")
        return metadata
    }

    /// The time the client gives the call (its `grpc-timeout`: at most 8 digits and a unit), or nil.
    static func clientTimeout(_ metadata: Metadata) -> Duration? {
        guard let text = metadata[stringValues: "grpc-timeout"].first(where: { _ in true }),
            (2...9).contains(text.utf8.count), let unit = text.last, let value = Int64(text.dropLast()), value >= 0
        else { return nil }
        switch unit {
        case "H": return .seconds(value * 3600)
        case "M": return .seconds(value * 60)
        case "S": return .seconds(value)
        case "m": return .milliseconds(value)
        case "u": return .microseconds(value)
        case "n": return .nanoseconds(value)
        default: return nil
        }
    }

    private func record(_ function: String?, status: Int, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let nanoseconds = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
        pipeline.metrics.series(function: function, status: status).record(nanoseconds: nanoseconds)
    }
}
