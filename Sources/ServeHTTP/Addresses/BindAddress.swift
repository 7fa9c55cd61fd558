/// Where the server listens: `127.0.0.1:5000`, `[::1]:5000`, or `:5000` for every interface.
public struct BindAddress: Sendable, Equatable, CustomStringConvertible {
    /// The host or IP address, without brackets.
    public var host: String
    /// The TCP port; 0 asks the system for a free one.
    public var port: Int

    /// An address from its parts.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`, `[IPv6]:PORT` or `:PORT`.
    public init(parsing text: String) throws(BindAddressError) {
        let invalid = BindAddressError(text: text)
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else { throw invalid }
        var host = String(text[..<colon])
        if host.hasPrefix("[") {
            guard host.hasSuffix("]"), host.count > 2 else { throw invalid }
            host = String(host.dropFirst().dropLast())
        } else if host.contains(":") || host.contains(" ") {
            throw invalid
        }
        self.init(host: host.isEmpty ? "0.0.0.0" : host, port: port)
    }

    /// The default: `127.0.0.1:5000`, or every interface on `$PORT` when the platform sets it.
    package static func fallback(environment port: String?) throws(BindAddressError) -> BindAddress {
        guard let port else { return BindAddress(host: "127.0.0.1", port: 5000) }
        return try BindAddress(parsing: ":" + port)
    }

    /// `http://host:port`, with IPv6 hosts in brackets and the wildcard shown as itself.
    public var url: String {
        "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// A `--bind` value (or `PORT`) that is not an address.
public struct BindAddressError: Error, CustomStringConvertible {
    /// What was given.
    public let text: String

    public var description: String {
        "Invalid address '\(text)': expected HOST:PORT, [IPv6]:PORT or :PORT with a port from 0 to 65535 "
            + "(for example 127.0.0.1:5000, [::1]:5000 or :8080)."
    }
}
