public import Logging
internal import Serve

/// Where a server records one line per answered request.
///
/// `record` runs on the connection's event loop for every request, so a log worth having on by default
/// must be cheap: `serve` formats the line straight into its buffered log (`--log-format`). Any other
/// process gets ``LoggerAccessLog``, one swift-log message per request.
public protocol AccessLog: Sendable {
    /// Records an answered request.
    func record(_ entry: AccessLogEntry)
}

/// An answered request, as the access log sees it.
public struct AccessLogEntry: Sendable {
    /// `GET`, `POST`, …
    public let method: String
    /// The request target: path and query.
    public let target: String
    /// The response's status code.
    public let status: Int
    /// From the request's head to its response, in nanoseconds.
    public let durationNanoseconds: Int64
    /// The client's `X-Request-ID`, or the one the server made.
    public let requestID: String
    /// How long the request waited in a batched function's queue before its call started; nil for a
    /// request that did not queue.
    public let queueWait: Duration?

    /// The duration in milliseconds with three decimals: `0.123`.
    public var durationMilliseconds: String { (Double(durationNanoseconds) / 1_000_000).fixed(3) }

    /// The queue wait in milliseconds with three decimals, if the request queued.
    public var queueWaitMilliseconds: String? { queueWait.map { ($0.seconds * 1000).fixed(3) } }
}

/// The access log as swift-log messages: `info` "request" with the method, path, status, duration and
/// request id as metadata, and the queue wait of a batched request.
public struct LoggerAccessLog: AccessLog {
    private let logger: Logger

    /// Logs through `logger`.
    public init(logger: Logger) {
        self.logger = logger
    }

    public func record(_ entry: AccessLogEntry) {
        var metadata: Logger.Metadata = [
            "method": "\(entry.method)",
            "path": "\(entry.target)",
            "status": "\(entry.status)",
            "duration_ms": "\(entry.durationMilliseconds)",
            "request_id": "\(entry.requestID)",
        ]
        if let wait = entry.queueWaitMilliseconds { metadata["queue_ms"] = "\(wait)" }
        logger.info("request", metadata: metadata)
    }
}
