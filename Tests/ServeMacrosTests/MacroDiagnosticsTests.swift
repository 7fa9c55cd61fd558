import ServeMacros
import SwiftSyntaxMacroExpansion
import SwiftSyntaxMacrosGenericTestSupport
import Testing

/// Declarations the macros refuse, each with a message that says what to do instead.
@Suite struct MacroDiagnosticsTests {
    let macros: [String: MacroSpec] = [
        "Endpoint": MacroSpec(type: EndpointMacro.self),
        "Schema": MacroSpec(type: SchemaMacro.self),
    ]

    private func expectDiagnostic(_ source: String, expanded: String, message: String, line: Int, column: Int) {
        assertMacroExpansion(
            source,
            expandedSource: expanded,
            diagnostics: [DiagnosticSpec(message: message, line: line, column: column)],
            macroSpecs: macros,
            failureHandler: { Issue.record(Comment(rawValue: $0.message)) }
        )
    }

    @Test func endpointRejectsGenericFunctions() {
        expectDiagnostic(
            "@Endpoint func f<T>(x: T) {}",
            expanded: "func f<T>(x: T) {}",
            message: "@Endpoint: 'f' is generic, and a served function needs concrete types (a client sends JSON)",
            line: 1,
            column: 17
        )
    }

    @Test func endpointRejectsInoutParameters() {
        expectDiagnostic(
            "@Endpoint func f(x: inout Int) {}",
            expanded: "func f(x: inout Int) {}",
            message: "@Endpoint: parameter 'x' of 'f' must be a plain value (no inout, borrowing or consuming)",
            line: 1,
            column: 18
        )
    }

    @Test func endpointAppliesOnlyToFunctions() {
        expectDiagnostic(
            "@Endpoint var x = 1",
            expanded: "var x = 1",
            message: "@Endpoint applies to functions",
            line: 1,
            column: 1
        )
    }

    @Test func schemaNeedsRawValuesOnEnums() {
        expectDiagnostic(
            "@Schema enum E { case a }",
            expanded: "enum E { case a \n}",
            message: "@Schema enums need a raw type, such as `enum Color: String`",
            line: 1,
            column: 14
        )
    }

    @Test func schemaNeedsExplicitTypes() {
        expectDiagnostic(
            "@Schema struct S { var x = 1 }",
            expanded: "struct S { var x = 1 \n}",
            message: "@Schema needs an explicit type on 'x'",
            line: 1,
            column: 24
        )
    }
}
