internal import ArgumentParser
internal import Serve
internal import ServeHTTP

/// `serve healthcheck`: asks a running service for its health endpoint and exits 0 when it answers 200.
///
/// Made for container `HEALTHCHECK`s and deployment scripts: the image needs no curl.
struct HealthCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "healthcheck",
        abstract: "Check that a running service answers its health endpoint with 200 (exit 0), else exit 1.",
        discussion: """
            Without --url it asks http://127.0.0.1:$PORT/healthz, or port 5000 when PORT is not set: the \
            address `serve` itself listens on by default.
            """
    )

    @Option(help: "The URL to ask: http://HOST[:PORT][/PATH]; /healthz when it has no path.")
    var url: ServiceURL?

    @Option(help: "Seconds to wait for the answer.")
    var timeout: Double = 2

    init() {}

    func validate() throws {
        try validateTimeout(timeout)
    }

    func run() async throws {
        var target = url ?? .local
        if target.path.isEmpty { target.path = "/healthz" }
        let status: Int
        do {
            status = try await HTTPExchange(url: target, timeoutSeconds: timeout).send(
                RemoteRequest(method: "GET", path: "")
            ).status
        } catch {
            throw CommandFailure("\(target): \(error)")
        }
        guard status == 200 else { throw CommandFailure("\(target) answered \(status), not 200") }
        print("\(target) answered 200")
    }
}

/// A subcommand that could not do its work: the message goes to standard error and the exit code is 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
