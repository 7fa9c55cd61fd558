import Handlers
import ServeAppBuilder
import ServeCommandLine

// The `serve` executable. `serve app.predict` with an app.swift (or a folder app/) here serves the user's
// own functions: compiled against the runtime once and cached, then run in this process's place.
AppLaunch.serveIfApp(
    Array(CommandLine.arguments.dropFirst()),
    reserved: ["build", "train", "evaluate", "infer", "list", "call", "healthcheck", "help"])
// Otherwise the bundled functions, with their models' commands.
await ServeCommand.main(
    functions: Bundled.functions, groups: Bundled.groups,
    commands: [TrainCommand.self, EvaluateCommand.self, InferCommand.self, BuildCommand.self])
