internal import NIOCore
internal import NIOHTTP1

/// Answers `GET /metrics` with the Prometheus exposition.
struct MetricsResponder: Responder {
    static let path = "/metrics"
    let metrics: ServiceMetrics
    let state: ServerState

    func respond(to request: Request) -> Outcome? {
        guard request.path == Self.path else { return nil }
        guard request.method == .GET else {
            return .plain(.methodNotAllowed(request.method, path: request.path, allow: "GET"))
        }
        let text = metrics.exposition(inFlight: state.inFlight)
        return .plain(Response(status: .ok, contentType: ServiceMetrics.contentType, body: ByteBuffer(bytes: text)))
    }
}
