internal import Serve
internal import ServeHTTP

/// The access log of `serve`: each line formatted straight into ``BufferedLogHandler``'s buffer, in the
/// same shape as its other lines (text with sorted `key=value` metadata, or a JSON object), without the
/// metadata dictionary and string interpolation a swift-log message costs on every request.
struct BufferedAccessLog: AccessLog {
    let format: LogFormat

    func record(_ entry: AccessLogEntry) {
        BufferedLogHandler.Sink.shared.append(flushNow: false) { timestamp, line in
            switch format {
            case .text:
                line += timestamp.utf8
                line += " info serve: request duration_ms=".utf8
                Self.appendMilliseconds(entry.durationNanoseconds, to: &line)
                line += " method=".utf8
                line += entry.method.utf8
                line += " path=".utf8
                line += entry.target.utf8
                line += " request_id=".utf8
                line += entry.requestID.utf8
                line += " status=".utf8
                Self.appendDecimal(entry.status, to: &line)
            case .json:
                var writer = JSONWriter(capacity: 192)
                writer.beginObject()
                for (key, value) in [
                    ("time", timestamp), ("level", "info"), ("label", "serve"), ("message", "request"),
                    ("duration_ms", entry.durationMilliseconds), ("method", entry.method), ("path", entry.target),
                    ("request_id", entry.requestID), ("status", String(entry.status)),
                ] {
                    writer.writeKey(key)
                    writer.write(value)
                }
                writer.endObject()
                line += writer.bytes
            }
            line.append(UInt8(ascii: "\n"))
        }
    }

    /// `0.123`: milliseconds with three decimals, rounded to the microsecond.
    private static func appendMilliseconds(_ nanoseconds: Int64, to line: inout [UInt8]) {
        let microseconds = Int((nanoseconds + 500) / 1_000)
        appendDecimal(microseconds / 1_000, to: &line)
        line.append(UInt8(ascii: "."))
        let fraction = microseconds % 1_000
        line.append(UInt8(ascii: "0") + UInt8(fraction / 100))
        line.append(UInt8(ascii: "0") + UInt8(fraction / 10 % 10))
        line.append(UInt8(ascii: "0") + UInt8(fraction % 10))
    }

    /// A non-negative integer's digits.
    private static func appendDecimal(_ value: Int, to line: inout [UInt8]) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        repeat {
            line.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        } while divisor > 0
    }
}
