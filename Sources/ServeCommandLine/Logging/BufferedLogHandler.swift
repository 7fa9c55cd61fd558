internal import Dispatch
internal import Logging
internal import Serve
internal import ServeHTTP
internal import Synchronization

/// A log handler that keeps the request path cheap: lines are formatted with a timestamp cached per
/// second and appended to a buffer that a timer writes to standard error every 100 ms (at once for
/// warnings and worse). One `write` system call then carries many request lines. Lines are text
/// (`key=value` metadata, sorted) or JSON objects (metadata as members), by ``LogFormat``.
struct BufferedLogHandler: LogHandler {
    /// The shared buffer and its flusher, one per process.
    final class Sink: Sendable {
        static let shared = Sink()

        private struct State {
            var pending: [UInt8] = []
            var second = 0
            var timestamp = ""
        }

        private let state = Mutex(State())
        // Set once in init and never touched again.
        nonisolated(unsafe) private let timer: any DispatchSourceTimer

        private init() {
            timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "serve.log"))
            timer.schedule(deadline: .now() + .milliseconds(100), repeating: .milliseconds(100))
            timer.setEventHandler { Sink.shared.flush() }
            timer.resume()
        }

        /// Appends a line; `render` gets the timestamp and writes the rest.
        func append(flushNow: Bool, _ render: (_ timestamp: String, _ line: inout [UInt8]) -> Void) {
            let second = SystemCalls.currentSecond()
            state.withLock { state in
                if state.second != second {
                    state.second = second
                    state.timestamp = SystemCalls.utcTimestamp(seconds: second)
                }
                render(state.timestamp, &state.pending)
            }
            if flushNow { flush() }
        }

        /// Writes what is pending.
        func flush() {
            let bytes = state.withLock { state -> [UInt8] in
                defer { state.pending.removeAll(keepingCapacity: true) }
                return state.pending
            }
            SystemCalls.writeStandardError(bytes)
        }
    }

    private let label: String
    private let format: LogFormat
    /// Messages below this level are dropped.
    var logLevel: Logger.Level
    /// Metadata attached to every message.
    var metadata: Logger.Metadata = [:]

    /// A handler for `label` at `level`, writing `format`.
    init(label: String, level: Logger.Level, format: LogFormat = .text) {
        self.label = label
        self.logLevel = level
        self.format = format
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { $1 } }
        let fields = all.sorted { $0.key < $1.key }
        let message = event.message.description
        let (label, level, format) = (label, event.level, format)
        Sink.shared.append(flushNow: level >= .warning) { timestamp, line in
            switch format {
            case .text:
                line += "\(timestamp) \(level) \(label): \(message)".utf8
                for (key, value) in fields { line += " \(key)=\(value)".utf8 }
            case .json:
                Self.appendJSON(
                    [("time", timestamp), ("level", "\(level)"), ("label", label), ("message", message)]
                        + fields.map { ($0.key, "\($0.value)") },
                    to: &line)
            }
            line.append(UInt8(ascii: "\n"))
        }
    }

    /// Appends a JSON object of string members, in order: one line of `--log-format json`.
    static func appendJSON(_ members: [(key: String, value: String)], to line: inout [UInt8]) {
        var writer = JSONWriter(capacity: 192)
        writer.beginObject()
        for (key, value) in members {
            writer.writeKey(key)
            writer.write(value)
        }
        writer.endObject()
        writer.withUnsafeBytes { line += $0 }
    }

    /// Writes buffered lines now (before the process exits).
    static func flush() {
        Sink.shared.flush()
    }
}
