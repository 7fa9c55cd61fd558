internal import Serve

/// The address of a running service, from a plain-HTTP URL: `http://HOST[:PORT][/PATH]`.
package struct ServiceURL: Sendable, Equatable, CustomStringConvertible {
    /// The host name or IP address, without brackets.
    package var host: String
    /// The port; 80 when the URL has none.
    package var port: Int
    /// The path the service is mounted at, without a trailing slash: usually empty.
    package var path: String

    package init(host: String, port: Int, path: String = "") {
        self.host = host
        self.port = port
        self.path = path
    }

    /// Parses `http://HOST[:PORT][/PATH]`, IPv6 hosts in brackets.
    package init(parsing url: String) throws(ServiceURLError) {
        let invalid = ServiceURLError(text: url)
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

    /// The default service: `http://127.0.0.1:$PORT`, or port 5000, where `serve` listens by default.
    package static var local: ServiceURL {
        ServiceURL(host: "127.0.0.1", port: Int(SystemCalls.environment("PORT") ?? "") ?? 5000)
    }

    /// `HOST:PORT`, as the `Host` header carries it.
    package var authority: String { BindAddress(host: host, port: port).description }

    /// The request target for `route` (`/add`) under this URL's path.
    package func joined(_ route: String) -> String {
        let target = path + route
        return target.isEmpty ? "/" : target
    }

    package var description: String { "http://\(authority)\(path)" }
}

/// A text that is not a plain-HTTP URL.
package struct ServiceURLError: Error, CustomStringConvertible {
    /// What was given.
    package let text: String

    package var description: String { "Invalid URL '\(text)': expected http://HOST[:PORT][/PATH]." }
}
