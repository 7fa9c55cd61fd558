import SwiftCompilerPlugin
import SwiftSyntaxMacros

/// The compiler plug-in that provides Serve's macros.
@main
struct ServeMacrosPlugin: CompilerPlugin {
    let providingMacros: [any Macro.Type] = [EndpointMacro.self, EndpointGroupMacro.self, SchemaMacro.self]
}
