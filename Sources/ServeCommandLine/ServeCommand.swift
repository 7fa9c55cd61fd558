public import ArgumentParser
public import Serve

/// The `serve` command: serves compiled-in functions over HTTP, with the subcommands of a running
/// service's client (`healthcheck`, `list`, `call`) and any the binary adds.
///
/// It is also the entry point of a user's own service: a package that declares `@Endpoint` functions
/// calls ``main(functions:groups:info:commands:source:launchApp:loadModels:)`` from its executable and gets the
/// same command. `serve NAMES… --OPTIONS` is short for `serve run NAMES… --OPTIONS`.
public struct ServeCommand: ParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "serve",
            abstract: ServeFunctionsCommand.abstract,
            discussion: "serve [NAMES…] [OPTIONS] is serve run [NAMES…] [OPTIONS]: see serve --help.",
            subcommands: [ServeFunctionsCommand.self, HealthCheckCommand.self, ListCommand.self, CallCommand.self]
                + CommandLineContext.current.commands,
            defaultSubcommand: ServeFunctionsCommand.self
        )
    }

    public init() {}

    /// Runs the command line with the given functions until SIGINT or SIGTERM, then ends the process: with
    /// 2 on a usage error (unknown function, bad address), 1 when the service cannot start or a
    /// subcommand fails, 0 when stopped.
    ///
    /// - Parameters:
    ///   - functions: The functions this binary serves (`$add` for an `@Endpoint func add`).
    ///   - groups: Groups of functions sharing set-up (`@EndpointGroup`).
    ///   - info: The service's title and version, for the manifest and the OpenAPI document.
    ///   - commands: Extra subcommands (such as `train`): `serve train …` runs that command instead.
    ///   - source: Where the functions came from, for the start-up line ("Serving predict from ./app.swift on …").
    ///   - launchApp: Serves a user's own app when the names given are one (the `serve` executable's).
    ///   - loadModels: Loads the model files named on the command line (`serve model.onnx`) as functions.
    ///   - startGRPC: Serves the Open Inference Protocol over gRPC, with `--grpc-bind`.
    public static func main(
        functions: [ServedFunction<Void>] = [],
        groups: [any EndpointGroup.Type] = [],
        info: ServiceInfo = ServiceInfo(),
        commands: [any ParsableCommand.Type] = [],
        source: String? = nil,
        launchApp: AppLauncher? = nil,
        loadModels: ModelLoader? = nil,
        startGRPC: GRPCStarter? = nil
    ) async -> Never {
        var context = CommandLineContext()
        context.catalog = FunctionCatalog(functions: functions, groups: groups)
        context.info = info
        context.commands = commands
        context.source = source
        context.launchApp = launchApp
        context.loadModels = loadModels
        context.startGRPC = startGRPC
        context.arguments = Array(CommandLine.arguments.dropFirst())
        let status = await run(context.arguments, context: context)
        SystemCalls.flushStandardOutput()
        SystemCalls.exit(status)
    }

    /// Parses `arguments` and runs the command they name within `context`; returns the exit status and
    /// never ends the process itself.
    package static func run(_ arguments: [String], context: CommandLineContext) async -> Int32 {
        await CommandLineContext.$current.withValue(context) {
            do {
                var command = try parseAsRoot(try expanded(arguments, environment: context.environment))
                if var command = command as? any AsyncParsableCommand {
                    try await command.run()
                } else {
                    try command.run()
                }
                return 0
            } catch {
                return report(error)
            }
        }
    }

    /// `arguments` as ArgumentParser reads them: `serve --help` is the serving command's help (it has
    /// every option), and the serving command gets the options its environment variables set.
    private static func expanded(_ arguments: [String], environment: (String) -> String?) throws(UsageError)
        -> [String]
    {
        let serving = ServeFunctionsCommand.configuration.commandName ?? ""
        if arguments == ["--help"] || arguments == ["-h"] { return [serving, "--help"] }
        let first = arguments.first ?? ""
        if first == serving {
            return [serving]
                + (try EnvironmentVariables.arguments(Array(arguments.dropFirst()), environment: environment))
        }
        let isSubcommand =
            configuration.subcommands.contains { $0.configuration.commandName == first } || first == "help"
        return isSubcommand ? arguments : try EnvironmentVariables.arguments(arguments, environment: environment)
    }

    /// Prints what `error` says where it belongs and returns its exit status: help on standard output
    /// with 0, a usage error on standard error with 2, any other failure with its own status (1 by default).
    private static func report(_ error: any Error) -> Int32 {
        if let exit = error as? ExitCode { return exit.rawValue }
        if let usage = error as? UsageError {
            SystemCalls.printError("Error: \(usage)")
            return 2
        }
        let message = fullMessage(for: error)
        let code = exitCode(for: error)
        if code == .success {
            print(message)
            return 0
        }
        SystemCalls.printError(message)
        return code == .validationFailure ? 2 : code.rawValue
    }
}

/// A command line that parses but makes no sense.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
