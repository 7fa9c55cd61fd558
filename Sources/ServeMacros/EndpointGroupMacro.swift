public import SwiftSyntax
import SwiftSyntaxBuilder
public import SwiftSyntaxMacros

/// `@EndpointGroup`: lists the type's `@Endpoint` methods and adds the `EndpointGroup` conformance.
public struct EndpointGroupMacro: MemberMacro, ExtensionMacro {
    public static func expansion(
        of node: AttributeSyntax,
        providingMembersOf declaration: some DeclGroupSyntax,
        conformingTo protocols: [TypeSyntax],
        in context: some MacroExpansionContext
    ) throws -> [DeclSyntax] {
        guard let typeName = Syntax(declaration).typeName, !declaration.is(ExtensionDeclSyntax.self) else {
            throw MacroError("@EndpointGroup applies to a struct, class or actor declaration").at(node)
        }
        let functions = declaration.memberBlock.members.compactMap { $0.decl.as(FunctionDeclSyntax.self) }
            .filter { function in
                function.attributes.contains { attribute in
                    let name = attribute.as(AttributeSyntax.self)?.attributeName.trimmedDescription
                    return name == "Endpoint" || name == "Serve.Endpoint"
                }
            }
        let nameArgument = node.arguments?.as(LabeledExprListSyntax.self)?.first?.expression
        let groupName = nameArgument?.trimmedDescription ?? literal(typeName.lowercased())
        let access = declaration.modifiers.accessLevel.map { $0 + " " } ?? ""
        let doc = DocComment(trivia: declaration.leadingTrivia)
        let summary = [doc.summary, doc.discussion].compactMap { $0 }.joined(separator: "\n\n")
        let list = functions.map { "$\($0.name.text)" }.joined(separator: ", ")
        return [
            "\(raw: access)static let groupName = \(raw: groupName)",
            "\(raw: access)static let groupSummary: String? = \(raw: literal(summary.isEmpty ? nil : summary))",
            "\(raw: access)static let functions: [ServedFunction<\(raw: typeName)>] = [\(raw: list)]",
        ]
    }

    public static func expansion(
        of node: AttributeSyntax,
        attachedTo declaration: some DeclGroupSyntax,
        providingExtensionsOf type: some TypeSyntaxProtocol,
        conformingTo protocols: [TypeSyntax],
        in context: some MacroExpansionContext
    ) throws -> [ExtensionDeclSyntax] {
        [try ExtensionDeclSyntax("extension \(type.trimmed): EndpointGroup {}")]
    }
}
