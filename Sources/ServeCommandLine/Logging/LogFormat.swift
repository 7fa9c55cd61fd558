internal import ArgumentParser
internal import Serve
internal import ServeHTTP

/// How log lines are written to standard error.
package enum LogFormat: String, Sendable, CaseIterable, ExpressibleByArgument {
    /// `2026-11-22T10:00:00Z info serve: request duration_ms=0.120 method=POST …`, for people.
    case text
    /// One JSON object per line, `{"time": …, "level": "info", "label": "serve", "message": "request",
    /// "method": "POST", …}`, for log shippers.
    case json
}
