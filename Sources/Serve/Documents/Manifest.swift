/// `GET /`: what the service serves, in Firefly's shape, extended with types and documentation.
enum Manifest {
    static func document(for functions: [BoundFunction], info: ServiceInfo, maximumBatchSize: Int) -> JSONValue {
        [
            "app": .string(info.title),
            "version": .string(info.version),
            "functions": .object(
                functions.map { (key: $0.qualifiedName, value: entry(for: $0, maximumBatchSize: maximumBatchSize)) }),
        ]
    }

    private static func entry(for function: BoundFunction, maximumBatchSize: Int) -> JSONValue {
        .object(dropping: [
            "path": .string(function.path),
            "batch": ["path": .string(BatchCall.path(of: function)), "maxInstances": .integer(maximumBatchSize)],
            "doc": .string([function.summary, function.discussion].compactMap { $0 }.joined(separator: "\n\n")),
            "methods": function.acceptsQuery ? ["GET", "POST"] : ["POST"],
            "parameters": .array(function.parameters.map(parameter)),
            "returns": .object(dropping: [
                "type": .string(function.result.displayName),
                "description": function.resultDescription.map(JSONValue.string),
                "schema": function.result.jsonValue,
            ]),
        ])
    }

    private static func parameter(_ parameter: Parameter) -> JSONValue {
        [
            "name": .string(parameter.name),
            "type": .string(parameter.schema.displayName),
            "required": .bool(parameter.isRequired),
            "default": parameter.defaultValue ?? .null,
            "description": parameter.description.map(JSONValue.string) ?? .null,
            "schema": parameter.schema.jsonValue,
            "example": parameter.defaultValue ?? parameter.schema.example,
        ]
    }
}
