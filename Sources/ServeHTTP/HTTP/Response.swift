internal import NIOCore
internal import NIOHTTP1
internal import Serve

/// A complete response, ready to write.
struct Response: Sendable {
    var status: HTTPResponseStatus
    /// Nil for a response without a body (204).
    var contentType: String?
    var body: ByteBuffer
    /// Headers of this response alone: `Allow`, `WWW-Authenticate`, `Retry-After`, a CSP, CORS preflight
    /// answers. The headers every response carries are added when it is written.
    var headers: [(name: String, value: String)] = []

    static func json(_ output: JSONOutput) -> Response {
        Response(status: .ok, contentType: "application/json", body: output.withUnsafeBytes { ByteBuffer(bytes: $0) })
    }

    static func error(_ error: RequestError, headers: [(name: String, value: String)] = []) -> Response {
        var writer = JSONWriter(capacity: 128)
        error.body.write(to: &writer)
        // A 503 is a busy or stopping service: say when to try again.
        let retry: [(name: String, value: String)] = error.status == 503 ? [("retry-after", "1")] : []
        return Response(
            status: HTTPResponseStatus(statusCode: error.status), contentType: "application/json",
            body: writer.withUnsafeBytes { ByteBuffer(bytes: $0) }, headers: headers + retry)
    }

    static func methodNotAllowed(_ method: HTTPMethod, path: String, allow: String, hint: String = "") -> Response {
        error(
            RequestError(status: 405, message: "\(method.rawValue) is not allowed on \(path); use \(allow).\(hint)"),
            headers: [("allow", allow)]
        )
    }
}
