/// What a running service serves, read from its `GET /` manifest.
public struct ServiceManifest: Sendable {
    /// The service's title.
    public let app: String
    /// The service's version.
    public let version: String
    /// The functions, in the service's order.
    public let functions: [RemoteFunction]

    /// Reads a manifest.
    public init(parsing bytes: [UInt8]) throws(RemoteCallError) {
        guard let document = try? JSONValue(parsing: bytes), case .object(let entries)? = document["functions"] else {
            throw RemoteCallError(status: 200, message: "the answer to GET / is not a Serve manifest")
        }
        app = document["app"]?.stringValue ?? ""
        version = document["version"]?.stringValue ?? ""
        functions = entries.map { RemoteFunction(name: $0.key, entry: $0.value) }
    }

    /// The function called `name` (`iris.predict`).
    public func function(named name: String) -> RemoteFunction? {
        functions.first { $0.name == name }
    }
}

/// A function as a service describes it.
public struct RemoteFunction: Sendable {
    /// The qualified name: `iris.predict`.
    public let name: String
    /// The route: `/iris/predict`.
    public let path: String
    /// The documentation.
    public let doc: String
    /// The parameters, in declaration order.
    public let parameters: [RemoteParameter]
    /// The result's type, readably: `integer`, `IrisPrediction object`.
    public let returns: String

    init(name: String, entry: JSONValue) {
        self.name = name
        path = entry["path"]?.stringValue ?? "/" + name.split(separator: ".").joined(separator: "/")
        doc = entry["doc"]?.stringValue ?? ""
        parameters = (entry["parameters"]?.arrayValue ?? []).map(RemoteParameter.init)
        returns = entry["returns"]?["type"]?.stringValue ?? "?"
    }

    /// `add(a: integer, b: integer) -> integer`.
    public var signature: String {
        let list = parameters.map { "\($0.name): \($0.type)\($0.isRequired ? "" : " = …")" }
        return "\(name)(\(list.joined(separator: ", "))) -> \(returns)"
    }
}

/// A parameter as a service describes it.
public struct RemoteParameter: Sendable {
    /// The name calls use.
    public let name: String
    /// The type, readably: `integer`, `string or null`.
    public let type: String
    /// Whether a call must give it.
    public let isRequired: Bool
    /// Its JSON Schema.
    public let schema: JSONValue

    init(_ entry: JSONValue) {
        name = entry["name"]?.stringValue ?? ""
        type = entry["type"]?.stringValue ?? "?"
        isRequired = entry["required"]?.boolValue ?? false
        schema = entry["schema"] ?? .null
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
