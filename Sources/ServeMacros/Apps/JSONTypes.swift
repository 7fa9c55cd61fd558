import SwiftSyntax

/// Which types can travel as JSON: the ones Serve's `WireCodable` covers (files and images too, as
/// uploads or base64), and the app's own structs and enums, which get `@Schema`.
struct JSONTypes {
    static let builtin: Set<String> = [
        "Bool", "String", "Double", "Float", "Int", "Int8", "Int16", "Int32", "Int64", "UInt", "UInt8", "UInt16",
        "UInt32", "UInt64", "JSONValue", "UploadedFile", "Image",
    ]
    static let rawValueTypes: Set<String> = builtin.subtracting(["Bool", "JSONValue", "UploadedFile", "Image"])

    /// The app's top-level structs and enums, by name.
    let declarations: [String: (decl: DeclSyntax, file: SourceFile)]
    /// The app's structs and enums that travel as JSON and need `@Schema` added.
    private(set) var needingSchema: [String] = []
    private var checked: Set<String> = []

    init(declarations: [String: (decl: DeclSyntax, file: SourceFile)]) {
        self.declarations = declarations
    }

    /// Checks that `type` can travel as JSON; `what` names its place for the error ("parameter 'x' of 'f'").
    mutating func check(_ type: TypeSyntax, what: String, in file: SourceFile) throws(AppError) {
        if let optional = type.as(OptionalTypeSyntax.self) {
            return try check(optional.wrappedType, what: what, in: file)
        }
        if let array = type.as(ArrayTypeSyntax.self) {
            return try check(array.element, what: what, in: file)
        }
        if let dictionary = type.as(DictionaryTypeSyntax.self) {
            guard dictionary.key.trimmedDescription == "String" else {
                throw AppError(
                    "\(what) has type '\(type.trimmedDescription)': JSON object keys are strings, so a dictionary needs String keys",
                    at: dictionary.key, in: file)
            }
            return try check(dictionary.value, what: what, in: file)
        }
        if let identifier = type.as(IdentifierTypeSyntax.self) {
            let name = identifier.name.text
            let arguments = identifier.genericArgumentClause?.arguments.compactMap { $0.argument.as(TypeSyntax.self) }
            switch (name, arguments?.count) {
            case ("Optional", 1), ("Array", 1):
                return try check(arguments![0], what: what, in: file)
            case ("Dictionary", 2) where arguments![0].trimmedDescription == "String":
                return try check(arguments![1], what: what, in: file)
            case (_, nil) where Self.builtin.contains(name):
                return
            case (_, nil) where declarations[name] != nil:
                return try checkDeclared(name)
            default:
                break
            }
        }
        throw AppError(
            "\(what) has type '\(type.trimmedDescription)', which cannot travel as JSON; use Bool, String, Int, Double, arrays, [String: T], optionals, JSONValue, or a struct or enum declared in the app",
            at: type, in: file)
    }

    /// Checks a struct's stored properties or an enum's raw type, once per type.
    private mutating func checkDeclared(_ name: String) throws(AppError) {
        guard checked.insert(name).inserted, let (decl, file) = declarations[name] else { return }
        if let structDecl = decl.as(StructDeclSyntax.self) {
            if !structDecl.attributes.contains(named: "Schema") { needingSchema.append(name) }
            for member in structDecl.memberBlock.members {
                guard let variable = member.decl.as(VariableDeclSyntax.self), !variable.isStatic else { continue }
                for binding in variable.bindings where binding.accessorBlock == nil {
                    guard let type = binding.typeAnnotation?.type else { continue }  // @Schema reports it
                    try check(type, what: "property '\(binding.pattern.trimmedDescription)' of '\(name)'", in: file)
                }
            }
        } else if let enumDecl = decl.as(EnumDeclSyntax.self) {
            let rawType = enumDecl.inheritanceClause?.inheritedTypes.first?.type.trimmedDescription
            guard let rawType, Self.rawValueTypes.contains(rawType) else {
                throw AppError(
                    "enum '\(name)' cannot travel as JSON without a raw type: declare it as `enum \(name): String`",
                    at: enumDecl.name, in: file)
            }
            if !enumDecl.attributes.contains(named: "Schema") { needingSchema.append(name) }
        }
    }
}

extension AttributeListSyntax {
    /// Whether an attribute `@name` is in the list.
    func contains(named name: String) -> Bool {
        contains { $0.as(AttributeSyntax.self)?.attributeName.trimmedDescription == name }
    }
}

extension VariableDeclSyntax {
    var isStatic: Bool { modifiers.contains { $0.name.text == "static" || $0.name.text == "class" } }
}
