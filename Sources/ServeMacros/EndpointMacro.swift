public import SwiftSyntax
import SwiftSyntaxBuilder
public import SwiftSyntaxMacros

/// `@Endpoint`: generates the peer `$name`, a `ServedFunction` describing and calling the function.
public struct EndpointMacro: PeerMacro {
    public static func expansion(
        of node: AttributeSyntax,
        providingPeersOf declaration: some DeclSyntaxProtocol,
        in context: some MacroExpansionContext
    ) throws -> [DeclSyntax] {
        guard let function = declaration.as(FunctionDeclSyntax.self) else {
            throw MacroError("@Endpoint applies to functions").at(node)
        }
        if let problem = ServableSignature.problem(with: function) {
            throw MacroError("@Endpoint: " + problem.message).at(problem.node)
        }
        if function.modifiers.contains("static") || function.modifiers.contains("class")
            || function.modifiers.contains("mutating")
        {
            throw MacroError("@Endpoint applies to free functions and instance methods of an @EndpointGroup")
                .at(function.modifiers)
        }
        let groupType = context.lexicalContext.lazy.compactMap(\.typeName).first
        let parameters = function.signature.parameterClause.parameters.map(EndpointParameter.init)
        let doc = DocComment(trivia: function.leadingTrivia)
        let name = function.name.text
        let effects = function.signature.effectSpecifiers
        let isAsync = effects?.asyncSpecifier != nil
        let isThrowing = effects?.throwsClause != nil
        let resultType = function.signature.returnClause?.type.trimmedDescription
        let returnsVoid = resultType == nil || resultType == "Void" || resultType == "()"

        let access = function.modifiers.accessLevel.map { $0 + " " } ?? ""
        let path = node.arguments?.as(LabeledExprListSyntax.self)?.first { $0.label?.text == "path" }?.expression
        let state = groupType == nil ? "_" : "__state"
        let callee = groupType == nil ? name : "__state.\(name)"
        let argumentList = parameters.map { ($0.label.map { "\($0): " } ?? "") + "__" + $0.internalName }
            .joined(separator: ", ")
        let call = (isThrowing ? "try " : "") + (isAsync ? "await " : "") + "\(callee)(\(argumentList))"

        var body = parameters.enumerated().map { index, parameter in
            "let __\(parameter.internalName) = __arguments.value((\(parameter.type)).self, at: \(index)\(parameter.defaultArgument))"
        }
        let unwraps = parameters.map { ", let __\($0.internalName)" }.joined()
        body.append("guard __arguments.isValid\(unwraps) else { throw __arguments.failure }")
        let invocation: String
        // A synchronous function writes its result where the response is being written; an `async` one
        // returns the work that encodes it.
        if isAsync {
            body.append("return { \(returnsVoid ? "\(call); return .null" : "return JSONOutput(\(call))") }")
            invocation = ".deferred"
        } else {
            body.append(returnsVoid ? "\(call); __writer.writeNull()" : "\(call).writeJSON(to: &__writer)")
            invocation = ".immediate"
        }

        let descriptions = parameters.map { parameter in
            let description = literal(
                doc.parameters[parameter.internalName] ?? parameter.label.flatMap { doc.parameters[$0] })
            let defaultValue = parameter.defaultValue.map { ", default: \($0)" } ?? ""
            return
                "Parameter(\(literal(parameter.name)), (\(parameter.type)).self\(defaultValue), description: \(description))"
        }
        let declaration: DeclSyntax = """
            \(raw: access)\(raw: groupType == nil ? "" : "static ")let $\(raw: name) = ServedFunction<\(raw: groupType ?? "Void")>(
                name: \(literal: name),
                path: \(path ?? "nil"),
                summary: \(raw: literal(doc.summary)),
                discussion: \(raw: literal(doc.discussion)),
                parameters: [\(raw: descriptions.joined(separator: ",\n"))],
                result: \(raw: returnsVoid ? ".null" : "(\(resultType!)).jsonSchema"),
                resultDescription: \(raw: literal(doc.returns)),
                invocation: \(raw: invocation) { \(raw: state), __arguments\(raw: isAsync ? "" : ", __writer") in
                    \(raw: body.joined(separator: "\n"))
                }
            )
            """
        let overload = remoteOverload(
            of: function, parameters: parameters, result: returnsVoid ? nil : resultType, group: groupType,
            access: access)
        return [declaration, overload]
    }

    /// `name(on: service, …)`: the same parameters, sent to a running service. `static` in a group, so a
    /// client needs no instance: `try await Iris.predict(on: client, sepalLength: 5.9, …)`.
    private static func remoteOverload(
        of function: FunctionDeclSyntax,
        parameters: [EndpointParameter],
        result: String?,
        group: String?,
        access: String
    ) -> DeclSyntax {
        let name = function.name.text
        let signature = function.signature.parameterClause.parameters.map { parameter in
            var copy = parameter.trimmed
            copy.trailingComma = nil
            return copy.description
        }
        let appends = parameters.map { "__arguments.append(\(literal($0.name)), \($0.internalName))" }
        let call =
            "try await __service.call($\(name), group: \(group == nil ? "nil" : "groupName"), arguments: __arguments)"
        return """
            /// Calls `\(raw: name)` on a running service with these arguments and returns its result.
            \(raw: access)\(raw: group == nil ? "" : "static ")func \(raw: name)(\(raw: (["on __service: some RemoteService"] + signature).joined(separator: ", "))) async throws\(raw: result.map { " -> \($0)" } ?? "") {
                \(raw: appends.isEmpty ? "let" : "var") __arguments = RemoteArguments()
                \(raw: appends.joined(separator: "\n"))
                \(raw: result == nil ? call : "return " + call)
            }
            """
    }
}

/// One parameter of an `@Endpoint` function, as the expansion needs it.
struct EndpointParameter {
    /// The name clients use.
    let name: String
    /// The argument label at the call site, nil for `_`.
    let label: String?
    let internalName: String
    let type: String
    let defaultValue: String?
    let isOptional: Bool

    /// A parameter of a signature ``ServableSignature`` accepted.
    init(_ syntax: FunctionParameterSyntax) {
        let first = syntax.firstName.text
        label = first == "_" ? nil : first
        internalName = syntax.secondName?.text ?? first
        name = label ?? internalName
        type = syntax.type.trimmedDescription
        defaultValue = syntax.defaultValue?.value.trimmedDescription
        isOptional = syntax.type.isOptional
    }

    /// The `default:` argument of the binding call: the declared default, or nil for an optional.
    var defaultArgument: String {
        if let defaultValue { return ", default: \(defaultValue)" }
        return isOptional ? ", default: nil" : ""
    }
}

extension Syntax {
    /// The name of the type this lexical context declares, if it is a type.
    var typeName: String? {
        if let decl = self.as(StructDeclSyntax.self) { return decl.name.text }
        if let decl = self.as(ClassDeclSyntax.self) { return decl.name.text }
        if let decl = self.as(EnumDeclSyntax.self) { return decl.name.text }
        if let decl = self.as(ActorDeclSyntax.self) { return decl.name.text }
        if let decl = self.as(ExtensionDeclSyntax.self) { return decl.extendedType.trimmedDescription }
        return nil
    }
}
