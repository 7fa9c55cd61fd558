/// Answers CORS preflights (`OPTIONS` with an `Origin`): before the token, since browsers send them
/// without credentials.
struct PreflightResponder: Responder {
    let policy: CrossOriginPolicy

    func respond(to request: Request) -> Outcome? {
        guard policy.isEnabled, CrossOriginPolicy.isPreflight(request.head) else { return nil }
        return .plain(policy.preflightResponse(for: request.head, allowedMethods: "GET, POST"))
    }
}
