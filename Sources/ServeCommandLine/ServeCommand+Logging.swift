package import Logging
package import ServeHTTP

extension ServeCommand {
    /// Sends the process's logs through ``BufferedLogHandler`` at `level`, as `format` lines; returns the
    /// access log that writes to the same buffer (nil when `level` is above `info`).
    @discardableResult
    package static func bootstrapLogging(level: Logger.Level, format: LogFormat) -> (any AccessLog)? {
        LoggingSystem.bootstrap { label in BufferedLogHandler(label: label, level: level, format: format) }
        return level <= .info ? BufferedAccessLog(format: format) : nil
    }
}
