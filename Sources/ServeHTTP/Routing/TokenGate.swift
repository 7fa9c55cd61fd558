/// Refuses, with 401 or 403, a request without the service's token; lets every other request on. The
/// paths in `openPaths` (the documents, with `--public-docs`) need none.
struct TokenGate: Responder {
    let token: AccessToken
    let openPaths: Set<String>

    func respond(to request: Request) -> Outcome? {
        guard !openPaths.contains(request.path) else { return nil }
        switch token.verdict(authorization: request.header("authorization")) {
        case .granted:
            return nil
        case .missing:
            let error = RequestError(
                status: 401, message: "This service needs a token: send Authorization: Bearer <token>.")
            return .plain(.error(error, headers: [("www-authenticate", #"Bearer realm="serve""#)]))
        case .wrong:
            return .plain(.error(RequestError(status: 403, message: "The token is not valid for this service.")))
        }
    }
}
