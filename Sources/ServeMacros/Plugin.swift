import SwiftCompilerPlugin
import SwiftSyntaxMacros

/// The compiler plug-in that provides Serve's macros.
struct ServeMacrosPlugin: CompilerPlugin {
    let providingMacros: [any Macro.Type] = [EndpointMacro.self, EndpointGroupMacro.self, SchemaMacro.self]
}

/// The plug-in's executable: the compiler runs it to expand macros; `serve` runs it with `generate-app` to
/// turn a plain app.swift into a program (see ``GenerateAppCommand``).
@main
enum ServeMacrosMain {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        if arguments.first == "generate-app" { GenerateAppCommand.main(Array(arguments.dropFirst())) }
        try ServeMacrosPlugin.main()
    }
}
