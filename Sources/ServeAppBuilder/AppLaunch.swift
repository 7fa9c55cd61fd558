internal import Serve

/// `serve app.predict app.explain --bind …` read as a request to serve a user's app: which app, which of
/// its functions, and the arguments the app's own binary gets.
public struct AppLaunch {
    let app: AppSource
    /// The functions named (`predict`, `explain`); empty for `serve app`, which serves them all.
    let functions: [String]
    /// Every other argument, for the app's binary (its `serve` command line).
    let arguments: [String]
    /// `--reload`: rebuild and restart on every save.
    let reload: Bool

    /// Serves the app `arguments` name, and ends the process; returns when they name none (see ``parse``).
    public static func serveIfApp(_ arguments: [String], reserved: Set<String>) {
        do {
            let directory = ProcessCalls.currentDirectory()
            guard let launch = try parse(arguments, reserved: reserved, in: directory) else { return }
            SystemCalls.exit(launch.run())
        } catch {
            printError(error.description)
            SystemCalls.exit(error.exitStatus)
        }
    }

    /// Reads the leading names of `arguments`. Nil when the first one is not an app in `directory` (or is
    /// a word of `reserved`, the subcommands): then they are bundled names. A local file named like a
    /// bundled group wins: `serve iris` in a folder holding iris.swift serves the file.
    static func parse(_ arguments: [String], reserved: Set<String>, in directory: String) throws(AppBuildError)
        -> AppLaunch?
    {
        guard let first = arguments.first, !first.hasPrefix("-"), !reserved.contains(first) else { return nil }
        let appName = String(first.prefix { $0 != "." })
        guard let app = AppSource.find(appName, in: directory) else { return nil }
        var functions: [String] = []
        var rest = arguments[...]
        while let name = rest.first, !name.hasPrefix("-") {
            rest.removeFirst()
            guard name == appName || name.hasPrefix(appName + ".") else {
                throw AppBuildError(
                    "Error: serve one app at a time: '\(name)' is not a function of \(app.display) (name them \(appName).NAME)",
                    exitStatus: 2)
            }
            if name != appName { functions.append(String(name.dropFirst(appName.count + 1))) }
        }
        let reload = rest.contains("--reload")
        return AppLaunch(app: app, functions: functions, arguments: rest.filter { $0 != "--reload" }, reload: reload)
    }

    /// Builds the app (or takes it from the cache) and serves it: with `--reload` as a child rebuilt and
    /// restarted on every save, otherwise by becoming it. Returns the exit status when it does not exec.
    func run() -> Int32 {
        let builder: AppBuilder
        do {
            builder = try AppBuilder()
        } catch {
            printError(error.description)
            return error.exitStatus
        }
        if reload { return Reloader(launch: self, builder: builder).run() }
        do {
            let binary = try builder.binary(for: app) { printError($0) }
            let status = ProcessCalls.execute(binary, functions + arguments)
            printError("Error: cannot run \(binary) (error \(status))")
            return 1
        } catch {
            printError(error.description)
            return error.exitStatus
        }
    }
}

func printError(_ message: String) {
    SystemCalls.writeStandardError(Array((message + "\n").utf8))
}
