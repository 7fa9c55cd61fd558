public import ArgumentParser

/// `serve healthcheck`: asks a running service for its health endpoint and exits 0 when it answers 200.
///
/// Made for container `HEALTHCHECK`s and deployment scripts: the image needs no curl.
public struct HealthCheckCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "serve healthcheck",
        abstract: "Check that a running service answers its health endpoint with 200 (exit 0), else exit 1.",
        discussion: """
            Without --url it asks http://127.0.0.1:$PORT/healthz, or port 5000 when PORT is not set: the \
            address `serve` itself listens on by default.
            """
    )

    @Option(help: "The URL to ask: http://HOST[:PORT][/PATH].")
    var url: String?

    @Option(help: "Seconds to wait for the answer.")
    var timeout: Double = 2

    public init() {}

    public func validate() throws {
        guard timeout > 0, timeout <= 3600 else {
            throw ValidationError("--timeout must be between 0 and 3600 seconds.")
        }
        if let url { _ = try HealthCheckTarget(url: url) }
    }

    public func run() throws {
        let target =
            try url.map(HealthCheckTarget.init(url:))
            ?? HealthCheckTarget(host: "127.0.0.1", port: Int(SystemCalls.environment("PORT") ?? "") ?? 5000)
        do {
            let status = try HealthProbe.status(
                host: target.host, port: target.port, path: target.path, timeoutSeconds: timeout)
            guard status == 200 else {
                throw CommandFailure("\(target) answered \(status), not 200")
            }
            print("\(target) answered 200")
        } catch let failure as HealthProbe.Failure {
            throw CommandFailure("\(target): \(failure)")
        }
    }
}

/// Where `serve healthcheck` asks: a plain-HTTP URL split into its parts.
struct HealthCheckTarget: CustomStringConvertible {
    var host: String
    var port: Int
    var path = "/healthz"

    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `http://HOST[:PORT][/PATH]` (IPv6 hosts in brackets); the port defaults to 80.
    init(url: String) throws(ValidationError) {
        let invalid = ValidationError("Invalid --url '\(url)': expected http://HOST[:PORT][/PATH].")
        guard url.hasPrefix("http://") else { throw invalid }
        let rest = url.dropFirst("http://".count)
        let authority = rest.prefix { $0 != "/" }
        if authority.count < rest.count { path = String(rest[authority.endIndex...]) }
        guard !authority.isEmpty, !authority.hasPrefix(":") else { throw invalid }
        let hasPort = authority.last != "]" && authority.contains(":")
        guard let address = try? BindAddress(parsing: hasPort ? String(authority) : authority + ":80") else {
            throw invalid
        }
        host = address.host
        port = address.port
    }

    var description: String { "http://\(BindAddress(host: host, port: port))\(path)" }
}

/// A subcommand that could not do its work: the message goes to standard error and the exit code is 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
