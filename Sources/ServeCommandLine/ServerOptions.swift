internal import ArgumentParser
internal import Serve
internal import ServeHTTP

/// The `serve` options that set up the server: security, limits and timeouts. Each has an environment
/// variable twin (see ``EnvironmentVariables``), named in its help.
struct ServerOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Require this token on function calls, /metrics and the docs: 'Authorization: Bearer TOKEN' or 'Token TOKEN'. Prefer SERVE_TOKEN or --token-file: a command line is visible to other users. (env SERVE_TOKEN)",
            valueName: "token"))
    var token: String?

    @Option(help: "Read the token from this file (surrounding whitespace ignored). (env SERVE_TOKEN_FILE)")
    var tokenFile: String?

    @Flag(help: "With a token, keep /, /docs and /openapi.json open to everyone. (env SERVE_PUBLIC_DOCS=true)")
    var publicDocs = false

    @Option(
        help: ArgumentHelp(
            "Let web pages from this origin call the service (CORS), e.g. https://app.example.com; * for any. Repeatable. (env SERVE_ALLOW_ORIGIN, comma-separated)",
            valueName: "origin"))
    var allowOrigin: [String] = []

    @Option(help: "The largest request body accepted, in bytes; larger ones get 413. (env SERVE_MAX_BODY_SIZE)")
    var maxBodySize = HTTPServer.Limits().maximumBodySize

    @Option(
        help:
            "The largest request body to a function that takes a file or image, in bytes; larger gets 413. (env SERVE_MAX_UPLOAD_SIZE)"
    )
    var maxUploadSize = HTTPServer.Limits().maximumUploadSize

    @Option(
        help: "The most instances one batch call (POST /NAME/batch) may carry; more get 413. (env SERVE_MAX_BATCH_SIZE)"
    )
    var maxBatchSize = HTTPServer.Limits().maximumBatchSize

    @Option(
        help:
            "The largest request head (request line and headers), in bytes; larger gets 431. (env SERVE_MAX_HEADER_SIZE)"
    )
    var maxHeaderSize = HTTPServer.Limits().maximumHeaderSize

    @Option(help: "The longest request target (path and query), in bytes; longer gets 414. (env SERVE_MAX_URI_LENGTH)")
    var maxURILength = HTTPServer.Limits().maximumURILength

    @Option(help: "The most function calls running at once; more get 503 with Retry-After. (env SERVE_MAX_IN_FLIGHT)")
    var maxInFlight = HTTPServer.Limits().maximumInFlight

    @Option(help: "Seconds a keep-alive connection may wait for its next request. (env SERVE_IDLE_TIMEOUT)")
    var idleTimeout = HTTPServer.Timeouts().idle.seconds

    @Option(
        help: "Seconds a client may take to send one request; slower gets 408 and is closed. (env SERVE_READ_TIMEOUT)")
    var readTimeout = HTTPServer.Timeouts().read.seconds

    @Option(
        help:
            "Seconds an async function may run before it is cancelled and the caller gets 504. (env SERVE_CALL_TIMEOUT)"
    )
    var callTimeout = HTTPServer.Timeouts().call.seconds

    @Option(
        help: "Seconds that requests in flight may take to finish after SIGTERM or SIGINT. (env SERVE_GRACE_PERIOD)")
    var gracePeriod = HTTPServer.Timeouts().grace.seconds

    @Option(
        help:
            "Event loop threads. Default: one per CPU the process may use (cores, cgroup CPU quota and CPU affinity such as taskset). (env SERVE_THREADS)"
    )
    var threads: Int?

    /// The limits, timeouts and access rules, checked; throws a usage error for values that make no sense.
    func settings() throws(UsageError) -> (HTTPServer.Limits, HTTPServer.Timeouts, HTTPServer.Access) {
        var limits = HTTPServer.Limits()
        limits.maximumBodySize = try positive(maxBodySize, "--max-body-size")
        limits.maximumUploadSize = try positive(maxUploadSize, "--max-upload-size")
        limits.maximumBatchSize = try positive(maxBatchSize, "--max-batch-size")
        limits.maximumHeaderSize = try positive(maxHeaderSize, "--max-header-size")
        limits.maximumURILength = try positive(maxURILength, "--max-uri-length")
        limits.maximumInFlight = try positive(maxInFlight, "--max-in-flight")
        if let threads { _ = try positive(threads, "--threads") }
        var timeouts = HTTPServer.Timeouts()
        timeouts.idle = try seconds(idleTimeout, "--idle-timeout")
        timeouts.read = try seconds(readTimeout, "--read-timeout")
        timeouts.call = try seconds(callTimeout, "--call-timeout")
        timeouts.grace = try seconds(gracePeriod, "--grace-period", allowZero: true)
        let access = HTTPServer.Access(token: try readToken(), publicDocs: publicDocs, allowedOrigins: allowOrigin)
        return (limits, timeouts, access)
    }

    private func readToken() throws(UsageError) -> String? {
        let text: String
        switch (token, tokenFile) {
        case (nil, nil):
            return nil
        case (.some, .some):
            throw UsageError("Give --token or --token-file, not both.")
        case (let token?, nil):
            text = token
        case (nil, let path?):
            guard let bytes = SystemCalls.readFile(path) else {
                throw UsageError("Cannot read the token file \(path).")
            }
            text = String(decoding: bytes, as: UTF8.self)
        }
        let trimmed = text.trimmingWhitespace
        guard !trimmed.isEmpty, trimmed.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw UsageError("The token must be visible ASCII characters without spaces, and not empty.")
        }
        return String(trimmed)
    }

    private func positive(_ value: Int, _ option: String) throws(UsageError) -> Int {
        guard value > 0 else { throw UsageError("\(option) must be at least 1.") }
        return value
    }

    private func seconds(_ value: Double, _ option: String, allowZero: Bool = false) throws(UsageError) -> Duration {
        guard value.isFinite, allowZero ? value >= 0 : value > 0 else {
            throw UsageError("\(option) must be a number of seconds above 0.")
        }
        return .milliseconds(Int64((value * 1000).rounded()))
    }
}
