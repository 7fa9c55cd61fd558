internal import NIOCore
internal import NIOHTTP1

/// The health probes, open without a token: liveness (`/healthz`) and readiness (`/readyz`), and the same
/// under the Open Inference Protocol's paths (`/v2/health/live`, `/v2/health/ready`) for KServe-style
/// probes (the bodies carry `live` and `ready` too, which KServe's client reads). The server listens
/// only once every model is loaded, so ready means "not draining".
enum Probe {
    case live
    case ready

    static let paths: Set<String> = ["/healthz", "/readyz", "/v2/health/live", "/v2/health/ready"]

    init?(path: String) {
        switch path {
        case "/healthz", "/v2/health/live": self = .live
        case "/readyz", "/v2/health/ready": self = .ready
        default: return nil
        }
    }

    func response(_ method: HTTPMethod, path: String, state: ServerState) -> Response {
        guard method == .GET else { return .methodNotAllowed(method, path: path, allow: "GET") }
        switch self {
        case .live:
            return Self.json(.ok, #"{"status":"ok","live":true}"#)
        case .ready:
            return state.isReady ? Self.json(.ok, #"{"status":"ready","ready":true}"#) : Self.draining
        }
    }

    private static func json(_ status: HTTPResponseStatus, _ text: String) -> Response {
        Response(status: status, contentType: "application/json", body: ByteBuffer(string: text))
    }

    private static let draining = json(
        .serviceUnavailable, #"{"status":"draining","ready":false,"error":"The service is shutting down."}"#)
}
