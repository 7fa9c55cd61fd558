internal import ArgumentParser
internal import Logging
internal import Serve
internal import ServeHTTP

/// `serve run` (and `serve` with no subcommand): serves the binary's functions, or a user's app, over HTTP
/// until SIGINT or SIGTERM.
struct ServeFunctionsCommand: AsyncParsableCommand {
    static let abstract = "Serve typed Swift functions as a JSON HTTP API, with OpenAPI and a docs page."

    static var configuration: CommandConfiguration {
        // The others' names: reading this command's own configuration here would recurse.
        let others = ServeCommand.configuration.subcommands
            .filter { ObjectIdentifier($0) != ObjectIdentifier(Self.self) }
            .compactMap { $0.configuration.commandName }
        return CommandConfiguration(
            commandName: "run",
            abstract: abstract,
            usage: "serve [<names> ...] [<options>]\nserve <subcommand> ...",
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

                An ONNX model: serve model.onnx serves it at /model/predict and over the Open Inference Protocol \
                (/v2/models/model/infer); NAME=model.onnx names it, and NAME=FOLDER serves the one .onnx file in \
                FOLDER (as KServe fills /mnt/models). SIGHUP loads the model files again: each new model is swapped \
                in once it has loaded and checked, with the same inputs and outputs; otherwise the old one keeps \
                serving and the reason is logged.

                The Open Inference Protocol over gRPC (inference.GRPCInferenceService, as Triton's and KServe's gRPC \
                clients call it): --grpc-bind :8081 serves every model and function there too, beside HTTP, with the \
                same limits, token and metrics.

                Examples:
                  serve                         every bundled function, on 127.0.0.1:5000
                  serve iris.onnx add           a model beside the bundled add
                  serve add --bind :80          add alone, on every interface, port 80
                  serve app.predict --reload    predict from ./app.swift, rebuilt on every save
                  serve --list                  what this binary can serve

                Subcommands: \(others.joined(separator: ", ")). See 'serve help <subcommand>'.
                """
        )
    }

    @Argument(
        help:
            "Functions to serve, by qualified name (iris.predict) or group name (iris), and ONNX models (model.onnx, NAME=model.onnx). All functions when omitted. (env SERVE_FUNCTIONS, space- or comma-separated)"
    )
    var names: [String] = []

    @Option(
        help:
            "Address to listen on: HOST:PORT, [IPv6]:PORT or :PORT (every interface). Port 0 picks a free port. Default: 127.0.0.1:5000, or :$PORT when the PORT environment variable is set. (env SERVE_BIND)"
    )
    var bind: String?

    @Option(
        help:
            "Also serve the Open Inference Protocol over gRPC (inference.GRPCInferenceService, plaintext HTTP/2) on this address, e.g. :8081: the same models, limits, token and metrics. Off by default. (env SERVE_GRPC_BIND)"
    )
    var grpcBind: String?

    @Option(
        help:
            "Threads one call of an ONNX model may use for its matrix products and convolutions. Default 1: the event loops are the parallelism. (env SERVE_MODEL_THREADS)"
    )
    var modelThreads = 1

    @Option(
        help:
            "Adaptive batching: the most rows one call of an ONNX model carries when concurrent requests are combined into one call. 1 turns batching off. A model batches when its inputs' first dimension is of any size. (env SERVE_MODEL_BATCH_SIZE)"
    )
    var modelBatchSize = BatchLimits().maximumSize

    @Option(
        help:
            "Microseconds a model call formed under load, with fewer rows than --model-batch-size, waits for more (it goes once full). Default 0: a call takes the requests that queued while the one before it ran, and a lone request goes at once. (env SERVE_MODEL_BATCH_WAIT)"
    )
    var modelBatchWait = 0

    @Option(
        help:
            "The most rows that may wait for a model; a request beyond them gets 503 with Retry-After. (env SERVE_MODEL_QUEUE)"
    )
    var modelQueue = BatchLimits().maximumQueue

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
    var logLevel: LogLevelOption = .info

    @Option(
        help: "Log lines as text (for people) or json (one object per line, for log shippers). (env SERVE_LOG_FORMAT)")
    var logFormat: LogFormat = .text

    init() {}

    func run() async throws {
        let context = CommandLineContext.current
        let modelPaths = names.filter(Self.isModelFile)
        if modelPaths.isEmpty, let launchApp = context.launchApp, !names.isEmpty,
            let status = launchApp(names, reload, context.arguments)
        {
            throw ExitCode(status)
        }
        var catalog = context.catalog
        var models: [String] = []
        var reloadModels: (@Sendable () -> [String])?
        if !modelPaths.isEmpty {
            for (option, value, least) in [
                ("--model-threads", modelThreads, 1), ("--model-batch-size", modelBatchSize, 1),
                ("--model-batch-wait", modelBatchWait, 0), ("--model-queue", modelQueue, 0),
            ] where value < least {
                SystemCalls.printError("Error: \(option) must be \(least) or more, not \(value).")
                throw ExitCode(2)
            }
            let batching =
                modelBatchSize > 1
                ? BatchLimits(
                    maximumSize: modelBatchSize, maximumWait: .microseconds(modelBatchWait), maximumQueue: modelQueue)
                : nil
            guard let loadModels = context.loadModels else {
                SystemCalls.printError(
                    "Error: this serve was built without ONNX models (the package's default trait ONNX): it cannot serve \(modelPaths.joined(separator: ", "))."
                )
                throw ExitCode(1)
            }
            let functions: [ServedFunction<Void>]
            do {
                (functions, reloadModels) = try loadModels(modelPaths, modelThreads, batching)
            } catch {
                SystemCalls.printError("Error: \(error)")
                throw ExitCode(1)
            }
            // Models named alone are all that is served; beside functions, a model must not take one's name.
            let functionNames = names.filter { !Self.isModelFile($0) }
            let taken = functionNames.isEmpty ? [] : (try? catalog.select(functionNames)) ?? []
            if let clash = functions.first(where: { taken.contains($0.description.name) }) {
                let model = clash.description.name.dropLast(".predict".count)
                SystemCalls.printError(
                    "Error: the model '\(model)' would be served as \(clash.description.name), which is also a function named here; name the model otherwise: OTHER=PATH."
                )
                throw ExitCode(1)
            }
            catalog = functionNames.isEmpty ? FunctionCatalog(functions: functions) : catalog.adding(functions)
            models = functions.map(\.description.name)
        }
        let status = await serve(
            catalog: catalog, models: models, reloadModels: reloadModels, info: context.info, source: context.source,
            environment: context.environment)
        if status != 0 { throw ExitCode(status) }
    }

    /// Whether a name on the command line is a model (`model.onnx`, or named: `iris=model.onnx`,
    /// `iris=/mnt/models`) rather than a function's name.
    static func isModelFile(_ name: String) -> Bool { name.hasSuffix(".onnx") || name.contains("=") }

    /// Serves the selected functions of `catalog` (with the `models` loaded from files named on the command
    /// line, the only ones when no other name is given, loaded again by `reloadModels` on SIGHUP) until
    /// SIGINT or SIGTERM; returns the exit status.
    private func serve(
        catalog: FunctionCatalog, models: [String], reloadModels: (@Sendable () -> [String])?, info: ServiceInfo,
        source: String?,
        environment: (String) -> String?
    ) async -> Int32 {
        if list {
            for entry in catalog.entries { print(entry.qualifiedName) }
            return 0
        }
        if reload {
            SystemCalls.printError(
                "Error: --reload applies to your own app: serve app --reload, with an app.swift here.")
            return 2
        }
        let selected: Set<String>
        let address: BindAddress
        let grpcAddress: BindAddress?
        let settings: (HTTPServer.Limits, HTTPServer.Timeouts, HTTPServer.Access)
        var groupOptions: [String: String] = [:]
        do {
            let functionNames = names.filter { !Self.isModelFile($0) }
            selected =
                !models.isEmpty && functionNames.isEmpty
                ? Set(models)
                : try catalog.select(
                    names.isEmpty ? EnvironmentVariables.functionNames(environment: environment) : functionNames
                ).union(models)
            settings = try serverOptions.settings()
            address =
                try bind.map(BindAddress.init(parsing:))
                ?? .fallback(environment: environment("PORT"))
            grpcAddress = try grpcBind.map(BindAddress.init(parsing:))
            for option in options {
                guard let equals = option.firstIndex(of: "="), equals != option.startIndex else {
                    throw UsageError("Invalid --option '\(option)': expected NAME=VALUE.")
                }
                groupOptions[String(option[..<equals])] = String(option[option.index(after: equals)...])
            }
        } catch {
            SystemCalls.printError("Error: \(error)\nUsage: serve [<names> ...] [<options>] (see serve --help)")
            return 2
        }

        let (level, format) = (logLevel.level, logFormat)
        let accessLog = ServeCommand.bootstrapLogging(level: level, format: format)
        // Stop requests are caught from here on and queued, so one that arrives while models load or
        // just after the start-up line is printed is not lost.
        let (stopRequests, requestStop) = AsyncStream.makeStream(of: Int32.self)
        let signals = SignalWatch(SystemCalls.stopSignals) { requestStop.yield($0) }
        let logger = Logger(label: "serve")
        let server: HTTPServer
        let served: [String]
        var startedGRPC: (address: BindAddress, drain: @Sendable () async -> Void)?
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
            if let grpcAddress {
                guard let startGRPC = CommandLineContext.current.startGRPC else {
                    await server.stop()
                    SystemCalls.printError(
                        "Error: this binary serves no gRPC (an app's binary links HTTP alone): --grpc-bind needs the serve executable's own functions or models."
                    )
                    return 1
                }
                do {
                    startedGRPC = try await startGRPC(grpcAddress, server)
                } catch {
                    await server.stop()
                    throw error
                }
            }
        } catch {
            SystemCalls.printError("Error: \(error)")
            return 1
        }

        let grpc = startedGRPC
        let origin = source.map { " from \($0)" } ?? ""
        print(
            "Serving \(served.joined(separator: ", "))\(origin) on \(server.address.url) — docs at \(server.address.url)/docs"
        )
        if let grpc { print("The Open Inference Protocol over gRPC on \(grpc.address)") }
        SystemCalls.flushStandardOutput()  // the line must reach a pipe before any request
        // The first SIGTERM or SIGINT drains (readiness false, no new connections, requests in flight
        // finish within the grace period); a second one stops at once.
        if let parent = ReloadParent.expected(environment: environment) {
            // A build `serve app --reload` started: it drains when that watcher is gone.
            Task {
                while !ReloadParent.isGone(parent) { try? await Task.sleep(for: .milliseconds(250)) }
                logger.notice("The serve --reload that started this build is gone: stopping.")
                requestStop.yield(SystemCalls.stopSignals[1])
            }
        }
        Task {
            var stopping = false
            for await _ in stopRequests {
                if stopping {
                    await server.stop()
                    break
                }
                stopping = true
                Task { await server.drain() }
                if let grpc { Task { await grpc.drain() } }
            }
        }
        // SIGHUP loads the model files again; each model is swapped in only once its new file has loaded.
        let reloads = reloadModels.map { reload in
            SignalWatch([SystemCalls.reloadSignal]) { _ in
                for line in reload() { logger.notice("SIGHUP: \(line)") }
            }
        }
        await server.waitUntilStopped()
        await grpc?.drain()
        signals.cancel()
        reloads?.cancel()
        BufferedLogHandler.flush()
        return 0
    }
}
