public import SwiftSyntax
import SwiftSyntaxBuilder
public import SwiftSyntaxMacros

/// `@Schema`: a `WireCodable` conformance derived from a struct's stored properties or an enum's cases.
public struct SchemaMacro: ExtensionMacro {
    public static func expansion(
        of node: AttributeSyntax,
        attachedTo declaration: some DeclGroupSyntax,
        providingExtensionsOf type: some TypeSyntaxProtocol,
        conformingTo protocols: [TypeSyntax],
        in context: some MacroExpansionContext
    ) throws -> [ExtensionDeclSyntax] {
        let access = declaration.modifiers.accessLevel.map { $0 + " " } ?? ""
        let doc = DocComment(trivia: declaration.leadingTrivia)
        let description = literal([doc.summary, doc.discussion].compactMap { $0 }.joined(separator: "\n\n").nilIfEmpty)
        let name = type.trimmedDescription
        if let structDecl = declaration.as(StructDeclSyntax.self) {
            return [try structExtension(structDecl, type: name, access: access, description: description)]
        }
        if let enumDecl = declaration.as(EnumDeclSyntax.self) {
            return [try enumExtension(enumDecl, type: name, access: access, description: description)]
        }
        throw MacroError("@Schema applies to structs and to enums with raw values").at(node)
    }

    private static func structExtension(
        _ decl: StructDeclSyntax,
        type: String,
        access: String,
        description: String
    ) throws -> ExtensionDeclSyntax {
        let fields = try StoredField.fields(of: decl)
        let properties = fields.map { field in
            let hasDefault = field.defaultValue != nil ? ", hasDefault: true" : ""
            return
                ".init(\(literal(field.name)), (\(field.type)).self\(hasDefault), description: \(literal(field.description)))"
        }
        let decoded = fields.filter(\.isDecoded)
        var reads = decoded.enumerated().map { index, field in
            let fallback = field.defaultValue.map { ", default: \($0)" } ?? (field.isOptional ? ", default: nil" : "")
            return "let __\(field.name) = __fields.value((\(field.type)).self, at: \(index)\(fallback))"
        }
        reads.append(
            "guard __fields.isValid\(decoded.map { ", let __\($0.name)" }.joined()) else { throw __fields.failure }"
        )
        reads += decoded.map { "self.\($0.name) = __\($0.name)" }
        // A Swift identifier needs no JSON escaping, so each key is written whole, quotes and colon included.
        let writes = fields.map {
            "__writer.writeKey(quoted: \(literal("\"" + $0.name + "\":")))\n\($0.name).writeJSON(to: &__writer)"
        }
        return try ExtensionDeclSyntax(
            """
            extension \(raw: type): WireCodable {
                \(raw: access)static var jsonSchema: JSONSchema {
                    .object(name: \(literal: type), description: \(raw: description), properties: [\(raw: properties.joined(separator: ",\n"))])
                }
                \(raw: access)init(json __reader: inout JSONReader) throws(ArgumentError) {
                    var __fields = try Arguments(object: &__reader, names: [\(raw: decoded.map { literal($0.name) }.joined(separator: ", "))], expected: Self.jsonSchema.displayName)
                    \(raw: reads.joined(separator: "\n"))
                }
                \(raw: access)func writeJSON(to __writer: inout JSONWriter) {
                    __writer.beginObject()
                    \(raw: writes.joined(separator: "\n"))
                    __writer.endObject()
                }
            }
            """
        )
    }

    private static func enumExtension(
        _ decl: EnumDeclSyntax,
        type: String,
        access: String,
        description: String
    ) throws -> ExtensionDeclSyntax {
        guard decl.inheritanceClause != nil else {
            throw MacroError("@Schema enums need a raw type, such as `enum Color: String`").at(decl.name)
        }
        var cases: [String] = []
        for member in decl.memberBlock.members {
            guard let caseDecl = member.decl.as(EnumCaseDeclSyntax.self) else { continue }
            for element in caseDecl.elements {
                if element.parameterClause != nil {
                    throw MacroError("@Schema enum cases cannot have associated values").at(element)
                }
                cases.append("." + element.name.text)
            }
        }
        return try ExtensionDeclSyntax(
            """
            extension \(raw: type): WireCodable {
                \(raw: access)static var jsonSchema: JSONSchema {
                    .enumeration(of: [\(raw: cases.map { "\(type)\($0)" }.joined(separator: ", "))], name: \(literal: type), description: \(raw: description))
                }
            }
            """
        )
    }
}

/// A stored property of a `@Schema` struct.
struct StoredField {
    let name: String
    let type: String
    let defaultValue: String?
    let isOptional: Bool
    /// False for a `let` with an initial value: written, but fixed, so never read.
    let isDecoded: Bool
    let description: String?

    static func fields(of decl: StructDeclSyntax) throws -> [StoredField] {
        var fields: [StoredField] = []
        for member in decl.memberBlock.members {
            guard let variable = member.decl.as(VariableDeclSyntax.self),
                !variable.modifiers.contains("static"), !variable.modifiers.contains("class")
            else { continue }
            let doc = DocComment(trivia: variable.leadingTrivia)
            let isConstant = variable.bindingSpecifier.tokenKind == .keyword(.let)
            for binding in variable.bindings {
                if let accessors = binding.accessorBlock, !accessors.isObserversOnly { continue }  // computed
                guard let identifier = binding.pattern.as(IdentifierPatternSyntax.self) else { continue }
                guard let type = binding.typeAnnotation?.type else {
                    throw MacroError("@Schema needs an explicit type on '\(identifier.identifier.text)'").at(binding)
                }
                let initial = binding.initializer?.value.trimmedDescription
                fields.append(
                    StoredField(
                        name: identifier.identifier.text,
                        type: type.trimmedDescription,
                        defaultValue: isConstant ? nil : initial,
                        isOptional: type.isOptional,
                        isDecoded: !(isConstant && initial != nil),
                        description: [doc.summary, doc.discussion].compactMap { $0 }.joined(separator: " ").nilIfEmpty
                    )
                )
            }
        }
        return fields
    }
}

extension AccessorBlockSyntax {
    /// Whether the block only observes (`willSet`/`didSet`), so the property is still stored.
    var isObserversOnly: Bool {
        guard case .accessors(let list) = accessors else { return false }
        return list.allSatisfy { ["willSet", "didSet"].contains($0.accessorSpecifier.text) }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
