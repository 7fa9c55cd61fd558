import Handlers
import Serve

// The `serve` executable: the runtime's command with the bundled functions.
await ServeCommand.main(functions: Bundled.functions, groups: Bundled.groups, commands: Bundled.commands)
