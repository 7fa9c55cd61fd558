internal import Dispatch

/// SIGINT and SIGTERM caught instead of ending the process, for as long as the value lives.
///
/// The server drains on the first and stops on the second; `serve app --reload` stops its child. One
/// place sets the signals up for both.
package struct StopSignals {
    private let sources: [any DispatchSourceSignal]

    /// Calls `handler` with the signal's number on each SIGINT or SIGTERM until ``cancel()``.
    package init(_ handler: @escaping @Sendable (Int32) -> Void) {
        sources = SystemCalls.stopSignals.map { signalNumber in
            SystemCalls.ignoreDefaultAction(of: signalNumber)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { handler(signalNumber) }
            source.resume()
            return source
        }
    }

    /// Stops watching (the default actions stay turned off).
    package func cancel() {
        sources.forEach { $0.cancel() }
    }
}
