internal import GRPCCore
internal import ServeHTTP

/// The gRPC status of a refusal the HTTP routes answer with an HTTP status, so both forms of the protocol
/// refuse alike (and `/metrics` counts a gRPC call under the HTTP status of its twin; 499, as nginx logs
/// it, for a call its client cancelled).
enum GRPCStatus {
    static func code(for status: Int) -> RPCError.Code {
        switch status {
        case 400, 415, 422: .invalidArgument
        case 401: .unauthenticated
        case 403: .permissionDenied
        case 404: .notFound
        case 413: .resourceExhausted
        case 499: .cancelled
        case 503: .unavailable
        case 504: .deadlineExceeded
        default: .internalError
        }
    }

    /// `failure` as the error a gRPC client receives, with the response's metadata (its request id).
    static func error(_ failure: RequestError, metadata: Metadata) -> RPCError {
        RPCError(code: code(for: failure.status), message: failure.message, metadata: metadata)
    }
}
