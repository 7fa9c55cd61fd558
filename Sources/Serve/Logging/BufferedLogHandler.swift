internal import Dispatch
public import Logging
internal import Synchronization

/// A log handler that keeps the request path cheap: lines are formatted with a timestamp cached per
/// second and appended to a buffer that a timer writes to standard error every 100 ms (at once for
/// warnings and worse). One `write` system call then carries many request lines.
public struct BufferedLogHandler: LogHandler {
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

        func append(level: Logger.Level, label: String, message: String, metadata: String, flushNow: Bool) {
            let second = SystemCalls.currentSecond()
            state.withLock { state in
                if state.second != second {
                    state.second = second
                    state.timestamp = SystemCalls.utcTimestamp(seconds: second)
                }
                state.pending.append(contentsOf: state.timestamp.utf8)
                state.pending.append(contentsOf: " \(level) \(label): \(message)\(metadata)\n".utf8)
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
    /// Messages below this level are dropped.
    public var logLevel: Logger.Level
    /// Metadata attached to every message.
    public var metadata: Logger.Metadata = [:]

    /// A handler for `label` at `level`.
    public init(label: String, level: Logger.Level) {
        self.label = label
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { $1 } }
        let rendered =
            all.isEmpty
            ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        Sink.shared.append(
            level: event.level,
            label: label,
            message: event.message.description,
            metadata: rendered,
            flushNow: event.level >= .warning
        )
    }

    /// Writes buffered lines now (before the process exits).
    public static func flush() {
        Sink.shared.flush()
    }
}
