import Handlers
import ServeCommandLine

// The `serve` executable: the command line with the bundled functions and their models' commands.
await ServeCommand.main(
    functions: Bundled.functions, groups: Bundled.groups, commands: [TrainCommand.self, EvaluateCommand.self])
