/// Answers the health probes (``Probe``), open without a token.
struct ProbeResponder: Responder {
    let state: ServerState

    func respond(to request: Request) -> Outcome? {
        guard let probe = Probe(path: request.path) else { return nil }
        return .plain(probe.response(request.method, path: request.path, state: state))
    }
}
