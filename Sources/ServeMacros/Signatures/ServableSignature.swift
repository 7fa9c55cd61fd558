import SwiftSyntax

/// What a function's signature must be for Serve to serve it, in one place: `@Endpoint` and the plain-app
/// generator (`generate-app`) both ask here, so they cannot drift apart. Whether each type can travel as
/// JSON is the compiler's question for `@Endpoint` (the type must be `WireCodable`) and `JSONTypes`' for
/// an app, which checks before compiling.
enum ServableSignature {
    /// Why a function cannot be served, and the part of it to point at.
    struct Problem {
        let message: String
        let node: Syntax
    }

    /// The first reason `function` cannot be served, or nil when its signature can be.
    static func problem(with function: FunctionDeclSyntax) -> Problem? {
        let name = function.name.text
        if let generics = function.genericParameterClause {
            return Problem(
                message: "'\(name)' is generic, and a served function needs concrete types (a client sends JSON)",
                node: Syntax(generics))
        }
        for parameter in function.signature.parameterClause.parameters {
            let parameterName = (parameter.secondName ?? parameter.firstName).text
            if parameter.ellipsis != nil {
                return Problem(
                    message: "parameter '\(parameterName)' of '\(name)' is variadic; use an array",
                    node: Syntax(parameter))
            }
            if let attributed = parameter.type.as(AttributedTypeSyntax.self), !attributed.specifiers.isEmpty {
                return Problem(
                    message:
                        "parameter '\(parameterName)' of '\(name)' must be a plain value (no inout, borrowing or consuming)",
                    node: Syntax(parameter))
            }
        }
        return nil
    }
}
