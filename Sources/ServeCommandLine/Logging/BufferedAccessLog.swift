internal import ServeHTTP

/// The access log of `serve`: each line formatted straight into ``BufferedLogHandler``'s buffer, in the
/// same shape as its other lines (text with sorted `key=value` metadata, or a JSON object), without the
/// metadata dictionary and string interpolation a swift-log message costs on every request.
struct BufferedAccessLog: AccessLog {
    let format: LogFormat

    func record(_ entry: AccessLogEntry) {
        let (duration, status) = (entry.durationMilliseconds, String(entry.status))
        BufferedLogHandler.Sink.shared.append(flushNow: false) { timestamp, line in
            switch format {
            case .text:
                line += timestamp.utf8
                line += " info serve: request duration_ms=".utf8
                line += duration.utf8
                line += " method=".utf8
                line += entry.method.utf8
                line += " path=".utf8
                line += entry.target.utf8
                if let wait = entry.queueWaitMilliseconds {
                    line += " queue_ms=".utf8
                    line += wait.utf8
                }
                line += " request_id=".utf8
                line += entry.requestID.utf8
                line += " status=".utf8
                line += status.utf8
            case .json:
                var fields = [
                    ("time", timestamp), ("level", "info"), ("label", "serve"), ("message", "request"),
                    ("duration_ms", duration), ("method", entry.method), ("path", entry.target),
                ]
                if let wait = entry.queueWaitMilliseconds { fields.append(("queue_ms", wait)) }
                fields += [("request_id", entry.requestID), ("status", status)]
                BufferedLogHandler.appendJSON(fields, to: &line)
            }
            line.append(UInt8(ascii: "\n"))
        }
    }
}
