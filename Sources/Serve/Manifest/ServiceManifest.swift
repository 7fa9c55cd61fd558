/// `GET /`: what a service serves, in Firefly's shape (`{"app", "version", "functions": {name: …}}`) with
/// types and documentation added.
///
/// The one contract between a service and its clients: the server writes it with ``jsonValue`` and
/// `serve list`, `serve call` and `ServeClient` read it back with ``init(parsing:)``, both here.
public struct ServiceManifest: Sendable {
    /// The service's title.
    public let app: String
    /// The service's version.
    public let version: String
    /// The functions, in the service's order.
    public let functions: [ManifestFunction]

    /// The manifest of `functions` served under `info`.
    package init(functions: [BoundFunction], info: ServiceInfo, maximumBatchSize: Int) {
        app = info.title
        version = info.version
        self.functions = functions.map { ManifestFunction($0, maximumBatchSize: maximumBatchSize) }
    }

    /// Reads a manifest from the body of a service's `GET /`.
    public init(parsing bytes: [UInt8]) throws(NotAManifest) {
        let notAManifest = NotAManifest()
        guard let document = try? JSONValue(parsing: bytes), case .object(let entries)? = document["functions"] else {
            throw notAManifest
        }
        var functions: [ManifestFunction] = []
        for entry in entries {
            guard let function = ManifestFunction(name: entry.key, json: entry.value) else { throw notAManifest }
            functions.append(function)
        }
        app = document["app"]?.stringValue ?? ""
        version = document["version"]?.stringValue ?? ""
        self.functions = functions
    }

    /// The manifest as the service sends it.
    public var jsonValue: JSONValue {
        [
            "app": .string(app),
            "version": .string(version),
            "functions": .object(functions.map { (key: $0.name, value: $0.jsonValue) }),
        ]
    }

    /// The function called `name` (`iris.predict`).
    public func function(named name: String) -> ManifestFunction? {
        functions.first { $0.name == name }
    }

    /// A document that is not a Serve manifest.
    public struct NotAManifest: Error, CustomStringConvertible {
        public var description: String { "the answer to GET / is not a Serve manifest" }
    }
}

/// A function as a service's manifest describes it.
public struct ManifestFunction: Sendable {
    /// The qualified name: `iris.predict`.
    public let name: String
    /// The route: `/iris/predict`.
    public let path: String
    /// The route of batch calls and the most instances one may carry.
    public let batch: (path: String, maximumInstances: Int)
    /// The documentation: the summary, then the discussion after a blank line.
    public let doc: String
    /// `["GET", "POST"]`, or `["POST"]` for functions with structured parameters.
    public let methods: [String]
    /// The parameters, in declaration order.
    public let parameters: [ManifestParameter]
    /// The result's type, readably: `integer`, `IrisPrediction object`.
    public let returns: String
    /// The doc comment's `- Returns:` text.
    public let returnsDescription: String?
    /// The result's JSON Schema.
    public let returnsSchema: JSONValue

    init(_ function: BoundFunction, maximumBatchSize: Int) {
        let description = function.description
        name = function.qualifiedName
        path = function.route.path
        batch = (function.route.batchPath, maximumBatchSize)
        doc = description.documentation
        methods = function.acceptsQuery ? ["GET", "POST"] : ["POST"]
        parameters = description.parameters.map(ManifestParameter.init)
        returns = description.result.displayName
        returnsDescription = description.resultDescription
        returnsSchema = description.result.jsonValue
    }

    init?(name: String, json entry: JSONValue) {
        guard let path = entry["path"]?.stringValue, let parameters = entry["parameters"]?.arrayValue else {
            return nil
        }
        self.name = name
        self.path = path
        batch = (
            entry["batch"]?["path"]?.stringValue ?? Route(qualifiedName: name, path: path).batchPath,
            entry["batch"]?["maxInstances"]?.integerValue ?? 0
        )
        doc = entry["doc"]?.stringValue ?? ""
        methods = entry["methods"]?.arrayValue?.compactMap(\.stringValue) ?? ["POST"]
        self.parameters = parameters.map(ManifestParameter.init(json:))
        returns = entry["returns"]?["type"]?.stringValue ?? "?"
        returnsDescription = entry["returns"]?["description"]?.stringValue
        returnsSchema = entry["returns"]?["schema"] ?? .null
    }

    var jsonValue: JSONValue {
        .object(dropping: [
            "path": .string(path),
            "batch": ["path": .string(batch.path), "maxInstances": .integer(batch.maximumInstances)],
            "doc": .string(doc),
            "methods": .array(methods.map(JSONValue.string)),
            "parameters": .array(parameters.map(\.jsonValue)),
            "returns": .object(dropping: [
                "type": .string(returns),
                "description": returnsDescription.map(JSONValue.string),
                "schema": returnsSchema,
            ]),
        ])
    }

    /// `add(a: integer, b: integer) -> integer`.
    public var signature: String {
        let list = parameters.map { "\($0.name): \($0.type)\($0.isRequired ? "" : " = …")" }
        return "\(name)(\(list.joined(separator: ", "))) -> \(returns)"
    }
}

/// A parameter as a service's manifest describes it.
public struct ManifestParameter: Sendable {
    /// The name calls use.
    public let name: String
    /// The type, readably: `integer`, `string or null`.
    public let type: String
    /// Whether a call must give it.
    public let isRequired: Bool
    /// The default value, `null` when there is none.
    public let defaultValue: JSONValue
    /// The doc comment's text for it.
    public let description: String?
    /// Its JSON Schema.
    public let schema: JSONValue
    /// A valid value: the default, or one made from the schema.
    public let example: JSONValue

    init(_ parameter: Parameter) {
        name = parameter.name
        type = parameter.schema.displayName
        isRequired = parameter.isRequired
        defaultValue = parameter.defaultValue ?? .null
        description = parameter.description
        schema = parameter.schema.jsonValue
        example = parameter.defaultValue ?? parameter.schema.example
    }

    init(json entry: JSONValue) {
        name = entry["name"]?.stringValue ?? ""
        type = entry["type"]?.stringValue ?? "?"
        isRequired = entry["required"]?.boolValue ?? false
        defaultValue = entry["default"] ?? .null
        description = entry["description"]?.stringValue
        schema = entry["schema"] ?? .null
        example = entry["example"] ?? .null
    }

    var jsonValue: JSONValue {
        [
            "name": .string(name),
            "type": .string(type),
            "required": .bool(isRequired),
            "default": defaultValue,
            "description": description.map(JSONValue.string) ?? .null,
            "schema": schema,
            "example": example,
        ]
    }

    /// The value for this parameter from command-line text: the text itself when the parameter takes a
    /// string (`text=hello`), else the text read as JSON (`a=10`, `flag=true`, `xs=[1,2]`), falling back
    /// to the text so that the service can say what is wrong with it.
    public func value(fromText text: String) -> JSONValue {
        if Self.takesText(schema) { return .string(text) }
        return (try? JSONValue(parsing: text)) ?? .string(text)
    }

    private static func takesText(_ schema: JSONValue) -> Bool {
        if schema["type"]?.stringValue == "string" { return true }
        if let values = schema["enum"]?.arrayValue {
            return values.allSatisfy { $0.stringValue != nil }
        }
        return schema["anyOf"]?.arrayValue?.contains(where: takesText) ?? false
    }
}
