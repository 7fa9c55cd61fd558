internal import ArgumentParser
package import Logging

/// The `--log-level` values, read by ArgumentParser without a conformance of swift-log's own type (a
/// public retroactive conformance would reach every module that imports this one).
package enum LogLevelOption: String, Sendable, CaseIterable, ExpressibleByArgument {
    case trace, debug, info, notice, warning, error, critical

    /// swift-log's level of the same name.
    package var level: Logger.Level {
        switch self {
        case .trace: .trace
        case .debug: .debug
        case .info: .info
        case .notice: .notice
        case .warning: .warning
        case .error: .error
        case .critical: .critical
        }
    }
}
