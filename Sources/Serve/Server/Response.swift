internal import NIOCore
internal import NIOHTTP1

/// A complete response, ready to write.
struct Response {
    var status: HTTPResponseStatus
    var contentType: String
    var body: ByteBuffer
    /// Methods the path accepts, for 405.
    var allow: String? = nil

    static func json(_ output: JSONOutput) -> Response {
        Response(status: .ok, contentType: "application/json", body: ByteBuffer(bytes: output.bytes))
    }

    static func error(_ error: RequestError) -> Response {
        var writer = JSONWriter(capacity: 128)
        error.body.write(to: &writer)
        return Response(
            status: HTTPResponseStatus(statusCode: error.status), contentType: "application/json",
            body: ByteBuffer(bytes: writer.bytes))
    }

    static func methodNotAllowed(_ method: HTTPMethod, path: String, allow: String, hint: String = "") -> Response {
        var response = error(
            RequestError(status: 405, message: "\(method.rawValue) is not allowed on \(path); use \(allow).\(hint)")
        )
        response.allow = allow
        return response
    }
}
