public import ArgumentParser
internal import Dispatch
public import Logging
public import Serve
package import ServeHTTP

/// The word that selects a subcommand: the last word of its name (`train` for `serve train`).
private func subcommandName(_ command: any ParsableCommand.Type) -> String {
    String(command._commandName.split(separator: " ").last ?? "")
}

/// Writes a line to standard error.
private func printError(_ message: String) {
    SystemCalls.writeStandardError(Array((message + "\n").utf8))
}

/// The `serve` command: serves compiled-in functions over HTTP.
///
/// It is also the entry point of a user's own service: a package that declares `@Endpoint` functions
/// calls ``main(functions:groups:info:)`` from its executable and gets the same command.
public struct ServeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve typed Swift functions as a JSON HTTP API, with OpenAPI and a docs page.",
        discussion: """
            Each function is served at /NAME (dots become slashes: iris.predict at /iris/predict). \
            POST takes a JSON object of named arguments, a JSON array of positional ones, or a form; \
            GET takes scalar arguments from the query string; POST /NAME/batch takes \
            {"instances": [...]} and answers {"predictions": [...], "errors": [...]}. The service also answers GET / (manifest), \
            /openapi.json, /docs (interactive docs), /metrics (Prometheus), and the probes /healthz and /readyz \
            (also /v2/health/live and /v2/health/ready). SIGTERM or SIGINT drains: readiness turns false, new \
            connections are refused, and requests in flight finish within --grace-period.

            Your own code: with an app.swift (or a folder app/ of Swift files) in the current folder, \
            serve app.predict serves its function predict at /predict, serve app every top-level function of \
            it; the file is compiled once and cached (a local file wins over a bundled name). serve build app \
            -o NAME writes a standalone binary of it.

            Examples:
              serve                         every bundled function, on 127.0.0.1:5000
              serve add --bind :80          add alone, on every interface, port 80
              serve app.predict --reload    predict from ./app.swift, rebuilt on every save
              serve --list                  what this binary can serve
            """
    )

    @Argument(
        help:
            "Functions to serve, by qualified name (iris.predict) or group name (iris). All when omitted. (env SERVE_FUNCTIONS, space- or comma-separated)"
    )
    var names: [String] = []

    @Option(
        help:
            "Address to listen on: HOST:PORT, [IPv6]:PORT or :PORT (every interface). Port 0 picks a free port. Default: 127.0.0.1:5000, or :$PORT when the PORT environment variable is set. (env SERVE_BIND)"
    )
    var bind: String?

    @Flag(help: "List the functions this binary can serve, then exit.")
    var list = false

    @Flag(help: "With your own app (serve app --reload): rebuild and restart it whenever its files change.")
    var reload = false

    @Option(
        name: .customLong("option"),
        help: ArgumentHelp(
            "A setting for function groups, read once at start-up (repeatable). (env SERVE_OPTION, comma-separated)",
            valueName: "name=value"))
    var options: [String] = []

    @OptionGroup(title: "Security, limits and timeouts")
    var serverOptions: ServerOptions

    @Option(
        help:
            "Log level: trace, debug, info (one line per request, buffered up to 100 ms), notice, warning, error or critical. (env SERVE_LOG_LEVEL)"
    )
    var logLevel: Logger.Level = .info

    @Option(
        help: "Log lines as text (for people) or json (one object per line, for log shippers). (env SERVE_LOG_FORMAT)")
    var logFormat: LogFormat = .text

    public init() {}

    /// Parses the command line and serves the given functions until SIGINT or SIGTERM. Exits with 2 on
    /// a usage error (unknown function, bad address), 1 when the service cannot start, 0 when stopped.
    ///
    /// `commands` are extra subcommands (such as `train`): `serve train …` runs that command instead.
    /// `serve healthcheck`, `serve list` and `serve call` are always there. `source` names where the
    /// functions came from in the start-up line ("Serving predict from ./app.swift on …").
    public static func main(
        functions: [ServedFunction<Void>] = [],
        groups: [any EndpointGroup.Type] = [],
        info: ServiceInfo = ServiceInfo(),
        commands: [any ParsableCommand.Type] = [],
        source: String? = nil
    ) async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let commands: [any ParsableCommand.Type] =
            [HealthCheckCommand.self, ListCommand.self, CallCommand.self] + commands
        if let name = arguments.first, let subcommand = commands.first(where: { subcommandName($0) == name }) {
            if let subcommand = subcommand as? any AsyncParsableCommand.Type {
                await subcommand.main(Array(arguments.dropFirst()))
            } else {
                subcommand.main(Array(arguments.dropFirst()))
            }
            SystemCalls.exit(0)
        }
        let command: ServeCommand
        do {
            command = try parse(try EnvironmentVariables.arguments(arguments, environment: SystemCalls.environment))
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                print("\nSUBCOMMANDS:")
                for command in commands {
                    let name = subcommandName(command)
                    print(
                        "  \(name)\(String(repeating: " ", count: max(1, 24 - name.count)))\(command.configuration.abstract)"
                    )
                }
                print("\n  See 'serve <subcommand> --help' for details.")
                SystemCalls.exit(0)
            }
            printError(fullMessage(for: error))
            SystemCalls.exit(2)
        }
        let catalog = FunctionCatalog(functions: functions, groups: groups)
        SystemCalls.exit(await command.run(catalog: catalog, info: info, source: source))
    }

    /// Runs the parsed command; returns the process exit code.
    func run(catalog: FunctionCatalog, info: ServiceInfo, source: String? = nil) async -> Int32 {
        if list {
            for entry in catalog.entries { print(entry.qualifiedName) }
            return 0
        }
        if reload {
            printError("Error: --reload applies to your own app: serve app --reload, with an app.swift here.")
            return 2
        }
        let selected: Set<String>
        let address: BindAddress
        let settings: (HTTPServer.Limits, HTTPServer.Timeouts, HTTPServer.Access)
        var groupOptions: [String: String] = [:]
        do {
            selected = try catalog.select(
                names.isEmpty ? EnvironmentVariables.functionNames(environment: SystemCalls.environment) : names)
            settings = try serverOptions.settings()
            address =
                try bind.map(BindAddress.init(parsing:))
                ?? .fallback(environment: SystemCalls.environment("PORT"))
            for option in options {
                guard let equals = option.firstIndex(of: "="), equals != option.startIndex else {
                    throw UsageError("Invalid --option '\(option)': expected NAME=VALUE.")
                }
                groupOptions[String(option[..<equals])] = String(option[option.index(after: equals)...])
            }
        } catch {
            printError("Error: \(error)\nUsage: \(Self.usageString())")
            return 2
        }

        let (level, format) = (logLevel, logFormat)
        let accessLog = Self.bootstrapLogging(level: level, format: format)
        // Stop requests are caught from here on and queued, so one that arrives while models load or
        // just after the start-up line is printed is not lost.
        let (stopRequests, requestStop) = AsyncStream.makeStream(of: Int32.self)
        let signals = SystemCalls.stopSignals.map { signalNumber in
            SystemCalls.ignoreDefaultAction(of: signalNumber)
            let signalSource = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            signalSource.setEventHandler { requestStop.yield(signalNumber) }
            signalSource.resume()
            return signalSource
        }
        let logger = Logger(label: "serve")
        let server: HTTPServer
        let served: [String]
        do {
            let functions = try await catalog.bind(selected, options: GroupOptions(groupOptions))
            served = functions.names
            let configuration = HTTPServer.Configuration(
                address: address,
                limits: settings.0,
                timeouts: settings.1,
                access: settings.2,
                threads: serverOptions.threads,
                logger: logger,
                accessLog: accessLog
            )
            server = try await HTTPServer.start(functions: functions, info: info, configuration: configuration)
        } catch {
            printError("Error: \(error)")
            return 1
        }

        let origin = source.map { " from \($0)" } ?? ""
        print(
            "Serving \(served.joined(separator: ", "))\(origin) on \(server.address.url) — docs at \(server.address.url)/docs"
        )
        SystemCalls.flushStandardOutput()  // the line must reach a pipe before any request
        // The first SIGTERM or SIGINT drains (readiness false, no new connections, requests in flight
        // finish within the grace period); a second one stops at once.
        Task {
            var stopping = false
            for await _ in stopRequests {
                if stopping {
                    await server.stop()
                    break
                }
                stopping = true
                Task { await server.drain() }
            }
        }
        await server.waitUntilStopped()
        signals.forEach { $0.cancel() }
        BufferedLogHandler.flush()
        return 0
    }
}

extension ServeCommand {
    /// Sends the process's logs through ``BufferedLogHandler`` at `level`, as `format` lines; returns the
    /// access log that writes to the same buffer (nil when `level` is above `info`).
    @discardableResult
    package static func bootstrapLogging(level: Logger.Level, format: LogFormat) -> (any AccessLog)? {
        LoggingSystem.bootstrap { label in BufferedLogHandler(label: label, level: level, format: format) }
        return level <= .info ? BufferedAccessLog(format: format) : nil
    }
}

/// A command line that parses but makes no sense.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
