public import Logging
internal import Serve

extension HTTPServer {
    /// What the server needs to start. Every default is meant to be safe on the open internet.
    public struct Configuration: Sendable {
        /// Where to listen.
        public var address: BindAddress
        /// Sizes and counts beyond which requests are refused.
        public var limits: Limits
        /// How long connections, requests, calls and the drain may take.
        public var timeouts: Timeouts
        /// Who may call: the token, the public paths and the origins allowed by CORS.
        public var access: Access
        /// Event loop threads; nil for ``HTTPServer/defaultThreadCount``, one per CPU the process may use.
        public var threads: Int?
        /// Receives the server's messages, and one line per request at `info` level unless `accessLog` is set.
        public var logger: Logger
        /// Records one line per answered request; nil for ``LoggerAccessLog`` on `logger` (when it logs at
        /// `info`).
        public var accessLog: (any AccessLog)?

        /// A configuration with the documented defaults.
        public init(
            address: BindAddress,
            limits: Limits = Limits(),
            timeouts: Timeouts = Timeouts(),
            access: Access = Access(),
            threads: Int? = nil,
            logger: Logger = Logger(label: "serve"),
            accessLog: (any AccessLog)? = nil
        ) {
            self.address = address
            self.limits = limits
            self.timeouts = timeouts
            self.access = access
            self.threads = threads
            self.logger = logger
            self.accessLog = accessLog
        }
    }

    /// Sizes and counts beyond which requests are refused, each with its status.
    public struct Limits: Sendable {
        /// The largest request body (413 beyond it). Default 1 MiB.
        public var maximumBodySize: Int
        /// The largest request body to a function that takes a file (413 beyond it). Default 8 MiB.
        public var maximumUploadSize: Int
        /// The most instances one batch call may carry (413 beyond it). Default 1,000.
        public var maximumBatchSize: Int
        /// The largest request head, request line and header fields together (431 beyond it). Default 16 KiB.
        public var maximumHeaderSize: Int
        /// The longest request target, path and query (414 beyond it, 431 beyond `maximumHeaderSize`).
        /// Default 8 KiB.
        public var maximumURILength: Int
        /// The most function calls running at once (503 with `Retry-After` beyond it). Default 512.
        public var maximumInFlight: Int
        /// The most header fields one request may have (431 beyond it).
        public static let maximumHeaderFields = 100

        /// The documented defaults, or the limits given.
        public init(
            maximumBodySize: Int = 1 << 20,
            maximumUploadSize: Int = 8 << 20,
            maximumBatchSize: Int = 1_000,
            maximumHeaderSize: Int = 16 << 10,
            maximumURILength: Int = 8 << 10,
            maximumInFlight: Int = 512
        ) {
            self.maximumBodySize = maximumBodySize
            self.maximumUploadSize = maximumUploadSize
            self.maximumBatchSize = maximumBatchSize
            self.maximumHeaderSize = maximumHeaderSize
            self.maximumURILength = maximumURILength
            self.maximumInFlight = maximumInFlight
        }
    }

    /// How long each stage may take.
    public struct Timeouts: Sendable {
        /// How long a keep-alive connection may wait for its next request before it is closed. Default 75 s,
        /// longer than the 60 s idle timeout of common load balancers.
        public var idle: Duration
        /// How long a client may take to send one request, from its first byte to its last (408 and close
        /// beyond it: slow senders cannot hold connections). Default 30 s.
        public var read: Duration
        /// How long an `async` function may run before its task is cancelled and the caller gets 504.
        /// Synchronous functions run on the event loop and cannot be interrupted. Default 30 s.
        public var call: Duration
        /// How long a stopping server waits for requests in flight before it closes their connections.
        /// Default 25 s, inside Kubernetes' 30 s termination grace period.
        public var grace: Duration

        /// The documented defaults, or the timeouts given.
        public init(
            idle: Duration = .seconds(75),
            read: Duration = .seconds(30),
            call: Duration = .seconds(30),
            grace: Duration = .seconds(25)
        ) {
            self.idle = idle
            self.read = read
            self.call = call
            self.grace = grace
        }
    }

    /// Who may call what.
    public struct Access: Sendable {
        /// When set, function calls, `/metrics` and (unless `publicDocs`) the documents need
        /// `Authorization: Bearer <token>` or `Authorization: Token <token>`.
        public var token: String?
        /// Whether `/`, `/docs` and `/openapi.json` stay open when a token is set.
        public var publicDocs: Bool
        /// Origins whose browsers may call the service (CORS); `*` allows any origin.
        public var allowedOrigins: [String]

        /// No token, no CORS.
        public init(token: String? = nil, publicDocs: Bool = false, allowedOrigins: [String] = []) {
            self.token = token
            self.publicDocs = publicDocs
            self.allowedOrigins = allowedOrigins
        }
    }
}
