internal import ArgumentParser
internal import Serve
internal import ServeHTTP

/// The options of the subcommands that talk to a running service (`serve list`, `serve call`).
struct RemoteOptions: ParsableArguments {
    @Option(help: "The service: http://HOST[:PORT]. Default: http://127.0.0.1:$PORT, or port 5000.")
    var url: ServiceURL?

    @Option(help: "An access token, sent as 'Authorization: Bearer TOKEN'. Default: $SERVE_TOKEN.")
    var token: String?

    @Option(help: "Seconds to wait for an answer.")
    var timeout: Double = 30

    func validate() throws {
        try validateTimeout(timeout)
    }

    /// The service these options name.
    var service: HTTPExchange {
        HTTPExchange(
            url: url ?? .local,
            timeoutSeconds: timeout,
            token: token ?? SystemCalls.environment("SERVE_TOKEN")
        )
    }
}

/// Rejects a `--timeout` that is not a positive number of seconds up to an hour.
func validateTimeout(_ seconds: Double) throws(ValidationError) {
    guard seconds > 0, seconds <= 3600 else {
        throw ValidationError("--timeout must be between 0 and 3600 seconds.")
    }
}

extension ServiceURL: ExpressibleByArgument {
    public init?(argument: String) {
        try? self.init(parsing: argument)
    }
}
