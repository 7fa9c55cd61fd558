import SwiftDiagnostics
import SwiftSyntax
import SwiftSyntaxBuilder

/// A declaration a Serve macro cannot handle, reported at the offending syntax.
struct MacroError: Error, DiagnosticMessage {
    let message: String
    var diagnosticID: MessageID { MessageID(domain: "Serve", id: message) }
    var severity: DiagnosticSeverity { .error }

    init(_ message: String) { self.message = message }

    /// Wraps this message in a diagnostic at `node`.
    func at(_ node: some SyntaxProtocol) -> DiagnosticsError {
        DiagnosticsError(diagnostics: [Diagnostic(node: Syntax(node), message: self)])
    }
}

extension DeclModifierListSyntax {
    /// The access level keyword (`public`, `package`, …), to copy onto generated declarations. `private`
    /// becomes `fileprivate`: a `private` member of a generated extension would be hidden from the rest of
    /// the file, and a protocol requirement it meets must be as visible as the type.
    var accessLevel: String? {
        first { ["public", "package", "internal", "fileprivate", "private", "open"].contains($0.name.text) }
            .map { ["open": "public", "private": "fileprivate"][$0.name.text] ?? $0.name.text }
    }

    func contains(_ keyword: String) -> Bool {
        contains { $0.name.text == keyword }
    }
}

extension TypeSyntax {
    /// Whether the type is spelled as an optional (`T?` or `Optional<T>`).
    var isOptional: Bool {
        if self.is(OptionalTypeSyntax.self) || self.is(ImplicitlyUnwrappedOptionalTypeSyntax.self) { return true }
        if let identifier = self.as(IdentifierTypeSyntax.self) { return identifier.name.text == "Optional" }
        return false
    }
}

/// A Swift string literal for `text`, or `nil`.
func literal(_ text: String?) -> String {
    guard let text else { return "nil" }
    return StringLiteralExprSyntax(content: text).description
}
