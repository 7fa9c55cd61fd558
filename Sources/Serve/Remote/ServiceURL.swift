internal import ArgumentParser

/// The address of a running service, from a plain-HTTP URL: `http://HOST[:PORT][/PATH]`.
struct ServiceURL: Sendable, Equatable, CustomStringConvertible, ExpressibleByArgument {
    /// The host name or IP address, without brackets.
    var host: String
    /// The port; 80 when the URL has none.
    var port: Int
    /// The path the service is mounted at, without a trailing slash: usually empty.
    var path: String

    init(host: String, port: Int, path: String = "") {
        self.host = host
        self.port = port
        self.path = path
    }

    /// Parses `http://HOST[:PORT][/PATH]`, IPv6 hosts in brackets.
    init(parsing url: String) throws(ValidationError) {
        let invalid = ValidationError("Invalid URL '\(url)': expected http://HOST[:PORT][/PATH].")
        guard url.hasPrefix("http://") else { throw invalid }
        let rest = url.dropFirst("http://".count)
        let authority = rest.prefix { $0 != "/" }
        guard !authority.isEmpty, !authority.hasPrefix(":") else { throw invalid }
        let hasPort = authority.last != "]" && authority.contains(":")
        guard let address = try? BindAddress(parsing: hasPort ? String(authority) : authority + ":80") else {
            throw invalid
        }
        var path = String(rest[authority.endIndex...])
        while path.hasSuffix("/") { path.removeLast() }
        self.init(host: address.host, port: address.port, path: path)
    }

    init?(argument: String) {
        try? self.init(parsing: argument)
    }

    /// The default service: `http://127.0.0.1:$PORT`, or port 5000, where `serve` listens by default.
    static var local: ServiceURL {
        ServiceURL(host: "127.0.0.1", port: Int(SystemCalls.environment("PORT") ?? "") ?? 5000)
    }

    /// `HOST:PORT`, as the `Host` header carries it.
    var authority: String { BindAddress(host: host, port: port).description }

    /// The request target for `route` (`/add`) under this URL's path.
    func joined(_ route: String) -> String {
        let target = path + route
        return target.isEmpty ? "/" : target
    }

    var description: String { "http://\(authority)\(path)" }
}
