import SwiftSyntax

/// The program `serve` compiles for an app: the app's files, each with `@Endpoint` added to its served
/// functions, `@Schema` to the types they use, and its top-level `try` initialisers wrapped so a throw ends
/// start-up with one line; then a `main` that serves the functions.
///
/// A type with an `init() throws` (Cog's and BentoML's shape) is a service: one instance is made at
/// start-up, and its methods are served under their own names, through functions generated after the
/// app's files.
///
/// Every addition stays on the line it belongs to, so the compiler's line numbers are the user's; the
/// columns it shifts are listed in ``columnMap`` for the driver to shift back.
struct AppProgram {
    /// The names of the served functions, in file order.
    private(set) var served: [String] = []
    private var insertions: [String: [(offset: Int, text: String)]] = [:]
    private let files: [SourceFile]
    /// Whether the app imports Foundation, whose file errors read better with their path and reason.
    private let importsFoundation: Bool
    /// Whether the app loads ONNX models (it names `ONNXModel`): only then does it import and link
    /// ServeModels, which would add OpenBLAS, swift-protobuf and ICU to every app.
    let usesModels: Bool
    /// What follows the app's files: each service's instance and the functions that call its methods.
    private var serviceCode: [String] = []

    init(files: [SourceFile]) throws(AppError) {
        self.files = files
        usesModels = files.contains { file in
            file.tree.tokens(viewMode: .sourceAccurate).contains { $0.tokenKind == .identifier("ONNXModel") }
        }
        importsFoundation = files.contains { file in
            file.tree.statements.contains { item in
                guard let importDecl = item.item.as(ImportDeclSyntax.self) else { return false }
                return ["Foundation", "FoundationEssentials"].contains(importDecl.path.trimmedDescription)
            }
        }
        var declarations: [String: (decl: DeclSyntax, file: SourceFile)] = [:]
        for file in files {
            for item in file.tree.statements {
                if let decl = item.item.as(StructDeclSyntax.self) {
                    declarations[decl.name.text] = (DeclSyntax(decl), file)
                } else if let decl = item.item.as(EnumDeclSyntax.self) {
                    declarations[decl.name.text] = (DeclSyntax(decl), file)
                }
            }
        }
        var types = JSONTypes(declarations: declarations)
        for file in files {
            for item in file.tree.statements {
                if let function = item.item.as(FunctionDeclSyntax.self) {
                    if try isServable(function, in: file, types: &types) { serve(function, in: file) }
                } else if let service = item.item.as(StructDeclSyntax.self), isService(service) {
                    try serveMethods(of: service, in: file, types: &types)
                } else if let service = item.item.as(ClassDeclSyntax.self), isService(service) {
                    try serveMethods(of: service, in: file, types: &types)
                } else if let variable = item.item.as(VariableDeclSyntax.self) {
                    for binding in variable.bindings {
                        if let value = binding.initializer?.value { wrapIfThrowing(value, in: file) }
                    }
                } else if let expression = item.item.as(ExprSyntax.self) {
                    wrapIfThrowing(expression, in: file)
                }
            }
        }
        for name in types.needingSchema {
            let (decl, file) = declarations[name]!
            insert("@Schema ", at: decl.positionAfterSkippingLeadingTrivia, in: file)
        }
    }

    /// Whether a function is served: false when it is private or its name starts with `_`; throws when it
    /// would be, but its types cannot travel as JSON.
    private func isServable(_ function: FunctionDeclSyntax, in file: SourceFile, types: inout JSONTypes)
        throws(AppError) -> Bool
    {
        let name = function.name.text
        if name.hasPrefix("_")
            || function.modifiers.contains(where: { ["private", "fileprivate"].contains($0.name.text) })
        {
            return false
        }
        if let problem = ServableSignature.problem(with: function) {
            throw AppError(
                problem.message + " (make it private to keep it out of the service)", at: problem.node, in: file)
        }
        for parameter in function.signature.parameterClause.parameters {
            let parameterName = (parameter.secondName ?? parameter.firstName).text
            try types.check(parameter.type, what: "parameter '\(parameterName)' of '\(name)'", in: file)
        }
        if let result = function.signature.returnClause?.type, !["Void", "()"].contains(result.trimmedDescription) {
            try types.check(result, what: "the result of '\(name)'", in: file)
        }
        return true
    }

    /// Serves a top-level function: `@Endpoint` before it.
    private mutating func serve(_ function: FunctionDeclSyntax, in file: SourceFile) {
        let name = function.name.text
        served.append(name)
        if !function.attributes.contains(named: "Endpoint") {
            insert("@Endpoint ", at: function.positionAfterSkippingLeadingTrivia, in: file)
        }
    }

    /// Whether a struct or class is a service: it declares `init() throws`.
    private func isService(_ type: some DeclGroupSyntax) -> Bool {
        type.memberBlock.members.contains { member in
            guard let initializer = member.decl.as(InitializerDeclSyntax.self) else { return false }
            return initializer.signature.parameterClause.parameters.isEmpty
                && initializer.signature.effectSpecifiers?.throwsClause != nil
        }
    }

    /// Makes the service's instance at start-up and serves each of its instance methods (not private,
    /// not static, not mutating, not named `_…`) through a function of the same name and parameters.
    private mutating func serveMethods(of service: some DeclGroupSyntax, in file: SourceFile, types: inout JSONTypes)
        throws(AppError)
    {
        guard let typeName = Syntax(service).typeName else { return }
        let instance = "__service_\(typeName)"
        serviceCode.append("let \(instance) = \(loadCall(of: service, in: file))try \(typeName)() }")
        for member in service.memberBlock.members {
            guard let method = member.decl.as(FunctionDeclSyntax.self),
                !method.modifiers.contains(where: { ["static", "class", "mutating"].contains($0.name.text) }),
                try isServable(method, in: file, types: &types)
            else { continue }
            let arguments = method.signature.parameterClause.parameters.map { parameter in
                let label = parameter.firstName.text
                let name = (parameter.secondName ?? parameter.firstName).text
                return label == "_" ? name : "\(label): \(name)"
            }
            let effects = method.signature.effectSpecifiers
            let call =
                (effects?.throwsClause != nil ? "try " : "") + (effects?.asyncSpecifier != nil ? "await " : "")
                + "\(instance).\(method.name.text)(\(arguments.joined(separator: ", ")))"
            let doc = method.leadingTrivia.compactMap { piece -> String? in
                switch piece {
                case .docLineComment(let text), .docBlockComment(let text): return text + "\n"
                default: return nil
                }
            }
            let signature = method.signature.with(\.leadingTrivia, []).with(\.trailingTrivia, []).description
            serviceCode.append(
                doc.joined() + "@Endpoint func \(method.name.text)\(signature) { \(call) }")
            served.append(method.name.text)
        }
    }

    /// `try expression` at top level becomes `ServeApp.load(file:line:) { try expression }`.
    private mutating func wrapIfThrowing(_ expression: ExprSyntax, in file: SourceFile) {
        guard let tryExpression = expression.as(TryExprSyntax.self), tryExpression.questionOrExclamationMark == nil
        else { return }
        insert(loadCall(of: expression, in: file), at: expression.positionAfterSkippingLeadingTrivia, in: file)
        insert(" }", at: expression.endPositionBeforeTrailingTrivia, in: file)
    }

    /// `ServeApp.load(file:line:) { `, naming where `node` is: what precedes a throwing start-up expression.
    private func loadCall(of node: some SyntaxProtocol, in file: SourceFile) -> String {
        let describe = importsFoundation ? ", describe: __serveDescribe" : ""
        return "ServeApp.load(file: \(literal(file.path)), line: \(file.location(of: node).line)\(describe)) { "
    }

    private mutating func insert(_ text: String, at position: AbsolutePosition, in file: SourceFile) {
        insertions[file.path, default: []].append((position.utf8Offset, text))
    }

    /// The whole program: `import`s, each file under `#sourceLocation` with its additions, then `main`.
    func mainSource(source: String) -> String {
        var program = "import Serve\nimport ServeApp\nimport ServeImages\n"
        if usesModels { program += "import ServeModels\n" }
        for file in files {
            program += "#sourceLocation(file: \(literal(file.path)), line: 1)\n"
            var bytes = file.bytes
            for (offset, text) in (insertions[file.path] ?? []).sorted(by: { $0.offset > $1.offset }) {
                bytes.insert(contentsOf: Array(text.utf8), at: offset)
            }
            program += String(decoding: bytes, as: UTF8.self)
            if bytes.last != UInt8(ascii: "\n") { program += "\n" }
        }
        let functions = served.map { "$" + $0 }.joined(separator: ", ")
        program += "#sourceLocation()\n"
        if importsFoundation { program += Self.describeFoundationErrors }
        program += serviceCode.map { $0 + "\n" }.joined()
        program += "ServeApp.main(functions: [\(functions)], source: \(literal(source)))\n"
        return program
    }

    /// A load error as one line: Foundation's file errors print as a dictionary dump otherwise.
    private static let describeFoundationErrors = """
        func __serveDescribe(_ error: any Error) -> String {
            guard let error = error as? CocoaError else { return "\\(error)" }
            return [error.filePath, error.localizedDescription].compactMap { $0 }.joined(separator: ": ")
        }

        """

    /// Each addition as `path<TAB>line<TAB>column<TAB>length`, in the user's coordinates (1-based, UTF-8).
    var columnMap: String {
        var lines: [String] = []
        for file in files {
            for (offset, text) in insertions[file.path] ?? [] {
                let location = file.locations.location(for: AbsolutePosition(utf8Offset: offset))
                lines.append("\(file.path)\t\(location.line)\t\(location.column)\t\(text.utf8.count)")
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }
}
