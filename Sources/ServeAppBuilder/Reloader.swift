internal import Serve
internal import Synchronization

/// `serve app --reload`: serves the app as a child process, and on every save rebuilds it and swaps the
/// child (the old one drains, then the new one starts). A build that fails prints its errors and leaves
/// the old child serving.
struct Reloader {
    let launch: AppLaunch
    let builder: AppBuilder

    /// Set by SIGINT or SIGTERM; the loop stops the child and ends.
    private static let stopRequested = Atomic<Bool>(false)

    func run() -> Int32 {
        let signals = SignalWatch(SystemCalls.stopSignals) { _ in Reloader.stopRequested.store(true, ordering: .relaxed)
        }
        defer { signals.cancel() }

        var app = launch.app
        var fingerprint = app.fingerprint
        var child = start(app)
        if child == nil { SystemCalls.printError("Waiting for a change to \(app.display)…") }
        while true {
            ProcessCalls.sleep(milliseconds: 200)
            if Reloader.stopRequested.load(ordering: .relaxed) {
                guard let child else { return 0 }
                ProcessCalls.sendSignal(SystemCalls.stopSignals[1], to: child)
                return ProcessCalls.waitForExit(child)
            }
            if let running = child, let status = ProcessCalls.exitStatusIfEnded(running) {
                SystemCalls.printError(
                    "The app stopped (exit status \(status)); waiting for a change to \(app.display)…")
                child = nil
            }
            guard let current = AppSource.find(app.name, in: app.directory), current.fingerprint != fingerprint
            else { continue }
            app = current
            fingerprint = current.fingerprint
            SystemCalls.printError("Change in \(app.display): rebuilding…")
            let binary: String
            do {
                binary = try builder.binary(for: app) { _ in }
            } catch {
                SystemCalls.printError(error.description)
                SystemCalls.printError(child == nil ? "Waiting for a change…" : "Still serving the previous build.")
                continue
            }
            if let running = child {
                ProcessCalls.sendSignal(SystemCalls.stopSignals[1], to: running)  // drains, then exits
                _ = ProcessCalls.waitForExit(running)
            }
            child = spawn(binary)
        }
    }

    private func start(_ app: AppSource) -> Int32? {
        do {
            let binary = try builder.binary(for: app) { SystemCalls.printError($0) }
            return spawn(binary)
        } catch {
            SystemCalls.printError(error.description)
            return nil
        }
    }

    /// Starts a build of the app as the child, tied to this process: it stops (draining) when this
    /// process is gone, however it ended (`SERVE_RELOAD_PARENT`, read by the app's own command line).
    private func spawn(_ binary: String) -> Int32? {
        ProcessCalls.spawn(
            binary, launch.functions + launch.arguments,
            extraEnvironment: ["\(ReloadParent.variable)=\(SystemCalls.processID)"])
    }
}
