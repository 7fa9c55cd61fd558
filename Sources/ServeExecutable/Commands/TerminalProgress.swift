internal import Serve

/// One status line on standard error, rewritten in place, shown only when standard error is a terminal.
final class TerminalProgress: Sendable {
    private let isTerminal = SystemCalls.isTerminal(2)

    /// Replaces the status line with `message`.
    func update(_ message: String) {
        show("\r\u{1B}[K\(message)…")
    }

    /// Clears the status line.
    func finish() {
        show("\r\u{1B}[K")
    }

    private func show(_ text: String) {
        guard isTerminal else { return }
        SystemCalls.writeStandardError(Array(text.utf8))
    }
}
