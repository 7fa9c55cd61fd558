internal import NIOCore
internal import NIOHTTP1

/// Which web pages may call the service from a browser (CORS), set with `--allow-origin`.
struct CrossOriginPolicy: Sendable {
    private let origins: Set<String>
    private let anyOrigin: Bool

    /// Allows `origins` (exact `scheme://host[:port]`), or every origin when one of them is `*`.
    init(allowing origins: [String]) {
        self.origins = Set(origins.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 })
        anyOrigin = origins.contains("*")
    }

    /// Whether `origin` can be echoed in a header as it is: `*`, or visible ASCII such as
    /// `https://app.example.com:8443`.
    static func isValid(_ origin: String) -> Bool {
        !origin.isEmpty && origin.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }

    /// Whether any origin is allowed at all.
    var isEnabled: Bool { anyOrigin || !origins.isEmpty }

    /// The value of `Access-Control-Allow-Origin` for a request from `origin`, or nil when it is not allowed.
    func allowedOrigin(_ origin: String?) -> String? {
        guard let origin, isEnabled else { return nil }
        if anyOrigin { return "*" }
        return origins.contains(origin) ? origin : nil
    }

    /// Whether a request is a CORS preflight: `OPTIONS` with an `Origin` and the method it asks about.
    static func isPreflight(_ head: HTTPRequestHead) -> Bool {
        head.method == .OPTIONS && head.headers.contains(name: "origin")
            && head.headers.contains(name: "access-control-request-method")
    }

    /// The answer to a preflight: 204 with what the page may send, or 403 for an origin not allowed.
    /// Preflights carry no credentials, so they are answered before any token check.
    func preflightResponse(for head: HTTPRequestHead, allowedMethods: String) -> Response {
        guard allowedOrigin(head.headers.first(name: "origin")) != nil else {
            return .error(
                RequestError(
                    status: 403,
                    message: "Origin \(head.headers.first(name: "origin") ?? "") may not call this service; "
                        + "allow it with --allow-origin."))
        }
        var response = Response(status: .noContent, contentType: nil, body: .init())
        response.headers = [
            ("access-control-allow-methods", allowedMethods),
            ("access-control-allow-headers", "Authorization, Content-Type, X-Request-ID"),
            ("access-control-max-age", "600"),
        ]
        return response
    }

    /// Response headers a browser reads besides the safe ones.
    static let exposedHeaders = "X-Request-ID, Retry-After"
}
