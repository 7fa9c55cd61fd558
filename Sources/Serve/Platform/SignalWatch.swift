internal import Dispatch

/// Signals caught instead of taking their default action, for as long as the value lives.
///
/// ``SystemCalls/stopSignals``: the server drains on the first and stops on the second, and
/// `serve app --reload` stops its child. ``SystemCalls/reloadSignal``: the server loads its model files
/// again. One place sets the signals up for all of them.
package struct SignalWatch {
    private let sources: [any DispatchSourceSignal]

    /// Calls `handler` with the signal's number on each of `signals` until ``cancel()``.
    package init(_ signals: [Int32], _ handler: @escaping @Sendable (Int32) -> Void) {
        sources = signals.map { signalNumber in
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
