import Foundation

/// One status line on standard error, rewritten in place, shown only when standard error is a terminal.
final class TerminalProgress: Sendable {
    private let isTerminal = isatty(2) == 1

    /// Replaces the status line with `message`.
    func update(_ message: String) {
        guard isTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(message)…".utf8))
    }

    /// Clears the status line.
    func finish() {
        guard isTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
