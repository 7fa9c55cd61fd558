internal import Dispatch
public import Serve

// Implementation-only: an app's generated code imports this module and Serve, and nothing else of the
// runtime is loaded when it compiles (NIO's C modules and their headers stay out of the app's build). No
// type of ServeCommandLine appears in this module's interface, which is what makes that sound.
@_implementationOnly import ServeCommandLine

/// The entry point of a plain-Swift app that `serve` compiled: its generated `main` calls these.
///
/// A user never writes this; `serve app.predict` generates the call from the functions of `app.swift`.
public enum ServeApp {
    /// Runs the `serve` command line (every flag, `list`, `call`, `healthcheck`) for the app's functions.
    ///
    /// - Parameters:
    ///   - functions: The app's functions.
    ///   - source: Where they came from, for the start-up line ("./app.swift").
    public static func main(functions: [ServedFunction<Void>], source: String) -> Never {
        Task { await ServeCommand.main(functions: functions, source: source) }  // it ends the process
        dispatchMain()
    }

    /// Evaluates a top-level initialiser of an app, such as `let model = try Model(path: "model.json")`.
    ///
    /// A throw ends start-up before the socket opens: one line naming the app's file, line and the error,
    /// and exit status 1 (not a crash with a backtrace, as an error thrown at top level would be).
    /// `describe` words the error (the generated code passes one that reads Foundation's file errors).
    public static func load<T>(
        file: String, line: Int, describe: (any Error) -> String = { "\($0)" }, _ body: () throws -> T
    ) -> T {
        do {
            return try body()
        } catch {
            SystemCalls.writeStandardError(Array("Error: \(file):\(line): \(describe(error))\n".utf8))
            SystemCalls.exit(1)
        }
    }
}
