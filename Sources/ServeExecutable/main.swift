import Handlers
import ServeAppBuilder
import ServeCommandLine

// The `serve` executable: the bundled functions with their models' commands, and `serve app.predict` for
// an app.swift (or a folder app/) in the current folder, compiled against the runtime once and cached,
// then run in this process's place.
await ServeCommand.main(
    functions: Bundled.functions, groups: Bundled.groups,
    commands: [TrainCommand.self, EvaluateCommand.self, InferCommand.self, BuildCommand.self],
    launchApp: AppLaunch.serve)
