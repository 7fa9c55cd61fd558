package import ArgumentParser
public import Serve
public import ServeHTTP

/// Serves a user's own app when the names on the command line are one (`serve app.predict --bind :80`).
///
/// Given the names, whether `--reload` was set, and the command line as typed; returns nil when the first
/// name is no app (then the names are the binary's own functions), else the exit status once the app has
/// stopped or could not start (on success it usually takes the process's place and does not return).
public typealias AppLauncher = @Sendable (_ names: [String], _ reload: Bool, _ arguments: [String]) -> Int32?

/// Loads the model files named on the command line (`serve model.onnx`) as functions to serve, each call's
/// matrix products on up to `threadsPerCall` threads (`--model-threads`), concurrent calls combined within
/// `batching` (nil with `--model-batch-size 1`), with a `reload` that loads them again (on SIGHUP) and
/// returns one line per model to log; throws, naming the file, for one that cannot be served. The `serve`
/// executable gives one; a binary without it says it cannot serve models.
public typealias ModelLoader =
    @Sendable (_ paths: [String], _ threadsPerCall: Int, _ batching: BatchLimits?) throws -> (
        functions: [ServedFunction<Void>], reload: @Sendable () -> [String]
    )

/// Serves the Open Inference Protocol over gRPC at `address` (`--grpc-bind`) beside the running `http`
/// server, with its models, limits, token and metrics; returns the address bound and how to drain it. The
/// `serve` executable gives one; a binary without it (a compiled app) says it serves no gRPC.
public typealias GRPCStarter =
    @Sendable (_ address: BindAddress, _ http: HTTPServer) async throws -> (
        address: BindAddress, drain: @Sendable () async -> Void
    )

/// What one run of the `serve` command line has to work with: set for the duration of
/// ``ServeCommand/run(_:context:)``, read by the commands ArgumentParser makes.
package struct CommandLineContext: Sendable {
    /// The functions the binary can serve.
    package var catalog = FunctionCatalog(functions: [], groups: [])
    /// The service's title and version, for the manifest and the OpenAPI document.
    package var info = ServiceInfo()
    /// Where the functions came from, for the start-up line ("./app.swift").
    package var source: String?
    /// Subcommands beside serving and the three every binary has (`train`, `build`, …).
    package var commands: [any ParsableCommand.Type] = []
    /// Serves a user's app instead, when the names are one.
    package var launchApp: AppLauncher?
    /// Loads model files named on the command line.
    package var loadModels: ModelLoader?
    /// Serves the Open Inference Protocol over gRPC beside HTTP.
    package var startGRPC: GRPCStarter?
    /// The command line as typed, less the program's name.
    package var arguments: [String] = []
    /// The process's environment variables (a test gives its own).
    package var environment: @Sendable (String) -> String? = SystemCalls.environment

    package init() {}

    @TaskLocal package static var current = CommandLineContext()
}
