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

    /// Serves the app that `names` (as the command line gave them) name, and returns its exit status when
    /// it does not take this process's place; nil when the first name is no app here (see ``init(names:reload:arguments:in:)``).
    ///
    /// `arguments` is the whole command line as typed: the names and `--reload` are taken out of it, and
    /// the rest goes to the app's own binary, which runs the same command line.
    public static func serve(names: [String], reload: Bool, arguments: [String]) -> Int32? {
        do {
            let directory = ProcessCalls.currentDirectory()
            guard let launch = try AppLaunch(names: names, reload: reload, arguments: arguments, in: directory)
            else { return nil }
            return launch.run()
        } catch {
            SystemCalls.printError(error.description)
            return error.exitStatus
        }
    }

    /// Reads `names` as an app's: nil when the first one is not an app in `directory` (then they are the
    /// binary's own names). A local file named like a bundled group wins: `serve iris` in a folder holding
    /// iris.swift serves the file. `arguments` loses the names (once each, wherever they stand), a leading
    /// `run` and `--reload`; what is left is for the app's binary.
    init?(names: [String], reload: Bool, arguments: [String], in directory: String) throws(AppBuildError) {
        guard let first = names.first else { return nil }
        let appName = String(first.prefix { $0 != "." })
        guard let app = AppSource.find(appName, in: directory) else { return nil }
        var functions: [String] = []
        for name in names {
            guard name == appName || name.hasPrefix(appName + ".") else {
                throw AppBuildError(
                    "Error: serve one app at a time: '\(name)' is not a function of \(app.display) (name them \(appName).NAME)",
                    exitStatus: 2)
            }
            if name != appName { functions.append(String(name.dropFirst(appName.count + 1))) }
        }
        var rest = arguments.first == "run" ? Array(arguments.dropFirst()) : arguments
        for name in names {
            if let index = rest.firstIndex(of: name) { rest.remove(at: index) }
        }
        rest.removeAll { $0 == "--reload" }
        self.app = app
        self.functions = functions
        self.arguments = rest
        self.reload = reload
    }

    /// Builds the app (or takes it from the cache) and serves it: with `--reload` as a child rebuilt and
    /// restarted on every save, otherwise by becoming it. Returns the exit status when it does not exec.
    func run() -> Int32 {
        let builder: AppBuilder
        do {
            builder = try AppBuilder()
        } catch {
            SystemCalls.printError(error.description)
            return error.exitStatus
        }
        if reload { return Reloader(launch: self, builder: builder).run() }
        do {
            let binary = try builder.binary(for: app) { SystemCalls.printError($0) }
            let status = ProcessCalls.execute(binary, functions + arguments)
            SystemCalls.printError("Error: cannot run \(binary) (error \(status))")
            return 1
        } catch {
            SystemCalls.printError(error.description)
            return error.exitStatus
        }
    }
}
