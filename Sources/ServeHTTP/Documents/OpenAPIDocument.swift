internal import Serve

/// `GET /openapi.json`: an OpenAPI 3.1 document with a POST operation per function, a GET one for
/// functions whose parameters fit a query string, a POST operation for each function's batch route, and
/// the health probes. With a token, every operation but the probes declares bearer authentication.
enum OpenAPIDocument {
    static func document(
        for functions: [BoundFunction], info: ServiceInfo, maximumBatchSize: Int, requiresToken: Bool = false
    ) -> JSONValue {
        let paths =
            functions.flatMap { function in
                [
                    (key: function.route.path, value: pathItem(for: function, requiresToken: requiresToken)),
                    (
                        key: function.route.batchPath,
                        value: batchPathItem(for: function, maximumSize: maximumBatchSize, requiresToken: requiresToken)
                    ),
                ]
            } + probePaths
        var document: JSONValue = [
            "openapi": "3.1.0",
            "info": [
                "title": .string(info.title),
                "version": .string(info.version),
                "description":
                    "Typed Swift functions served as JSON over HTTP. Each function takes a JSON object of named arguments (or an array of positional ones) by POST, and scalar arguments from the query string by GET. Its batch route takes many calls in one request.",
            ],
            "paths": .object(paths),
            "components": [
                "schemas": [
                    "Error": [
                        "type": "object",
                        "description": "Every failed call answers with this document.",
                        "properties": [
                            "error": ["type": "string", "description": "One readable sentence."],
                            "errors": ["type": "array", "items": ["$ref": "#/components/schemas/Problem"]],
                        ],
                        "required": ["error"],
                    ],
                    "Problem": [
                        "type": "object",
                        "description": "One problem with one argument.",
                        "properties": [
                            "field": ["type": "string"], "expected": ["type": "string"], "got": ["type": "string"],
                        ],
                        "required": ["field", "expected", "got"],
                    ],
                    "BatchError": [
                        "type": "object",
                        "description": "Why one instance of a batch failed.",
                        "properties": [
                            "index": ["type": "integer", "description": "The instance's position, from 0."],
                            "status": ["type": "integer", "description": "The status a single call would get."],
                            "error": ["type": "string"],
                            "errors": ["type": "array", "items": ["$ref": "#/components/schemas/Problem"]],
                        ],
                        "required": ["index", "status", "error"],
                    ],
                ],
                "responses": .object(
                    (errorResponses + authenticationResponses).map {
                        (key: $0.name, value: errorResponse($0.description))
                    }),
            ],
        ]
        if requiresToken, case .object(var members) = document {
            members.append((key: "security", value: [["bearerAuth": []]]))
            if let index = members.firstIndex(where: { $0.key == "components" }),
                case .object(var components) = members[index].value
            {
                components.append(
                    (
                        key: "securitySchemes",
                        value: [
                            "bearerAuth": [
                                "type": "http", "scheme": "bearer",
                                "description": "The service's token; `Authorization: Token <token>` works too.",
                            ]
                        ]
                    ))
                members[index].value = .object(components)
            }
            document = .object(members)
        }
        return document
    }

    /// The probes: open without a token, so their operations override the document's security.
    private static let probePaths: [(key: String, value: JSONValue)] = [
        ("/healthz", "health_live", "Liveness: the process answers.", false),
        ("/readyz", "health_ready", "Readiness: every model is loaded and the service is not draining.", true),
        ("/v2/health/live", "v2_health_live", "Liveness, at the Open Inference Protocol's path.", false),
        ("/v2/health/ready", "v2_health_ready", "Readiness, at the Open Inference Protocol's path.", true),
    ].map { path, id, summary, canDrain in
        let status: JSONValue = [
            "type": "object", "properties": ["status": ["type": "string"]], "required": ["status"],
        ]
        var responses: [(key: String, value: JSONValue)] = [
            (key: "200", value: ["description": "Healthy.", "content": ["application/json": ["schema": status]]])
        ]
        if canDrain {
            let draining: JSONValue = ["description": "Draining.", "content": ["application/json": ["schema": status]]]
            responses.append((key: "503", value: draining))
        }
        let operation: JSONValue = [
            "operationId": .string(id), "summary": .string(summary), "security": [], "responses": .object(responses),
        ]
        return (key: path, value: ["get": operation])
    }

    private static let errorResponses: [(status: String, name: String, description: String)] = [
        ("400", "MalformedRequest", "The body is not valid JSON, the form is malformed, or a file cannot be decoded."),
        ("413", "TooLarge", "The body is larger than the server accepts."),
        ("414", "URITooLong", "The query string is longer than the server accepts; send the arguments by POST."),
        ("415", "UnsupportedMediaType", "The body's Content-Type, or a file's format, is not supported."),
        (
            "422", "InvalidArguments",
            "Arguments are missing, unknown, of the wrong type or out of range; `errors` lists each."
        ),
        ("500", "FunctionFailed", "The function threw an error."),
        ("503", "Busy", "Too many calls are in flight; retry after the `Retry-After` seconds."),
        ("504", "CallTimedOut", "The function did not finish within the call timeout and was cancelled."),
    ]

    private static let authenticationResponses: [(status: String, name: String, description: String)] = [
        ("401", "TokenMissing", "The service needs a token: `Authorization: Bearer <token>`."),
        ("403", "TokenWrong", "The token is not valid for this service."),
    ]

    /// The responses every function operation may give, by `$ref`.
    private static func errorReferences(excluding excluded: Set<String>, requiresToken: Bool) -> [(
        key: String, value: JSONValue
    )] {
        (errorResponses + (requiresToken ? authenticationResponses : [])).filter { !excluded.contains($0.status) }
            .sorted { $0.status < $1.status }
            .map { (key: $0.status, value: ["$ref": .string("#/components/responses/\($0.name)")]) }
    }

    private static func errorResponse(_ description: String) -> JSONValue {
        [
            "description": .string(description),
            "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]],
        ]
    }

    private static func pathItem(for function: BoundFunction, requiresToken: Bool) -> JSONValue {
        var operations: [(key: String, value: JSONValue)] = []
        if function.acceptsQuery {
            operations.append(
                (key: "get", value: operation(for: function, method: "get", requiresToken: requiresToken)))
        }
        operations.append((key: "post", value: operation(for: function, method: "post", requiresToken: requiresToken)))
        return .object(operations)
    }

    private static func operation(for function: BoundFunction, method: String, requiresToken: Bool) -> JSONValue {
        var responses: [(key: String, value: JSONValue)] = [
            (
                key: "200",
                value: [
                    "description": .string(function.description.resultDescription ?? "The result."),
                    "content": ["application/json": ["schema": function.description.result.jsonValue]],
                ]
            )
        ]
        responses += errorReferences(
            excluding: method == "post" ? ["414"] : ["413", "415"], requiresToken: requiresToken)
        let id = function.qualifiedName.replacing(".", with: "_")
        var members: [(key: String, value: JSONValue)] = [
            (key: "operationId", value: .string(method == "get" ? id + "_get" : id)),
            (key: "summary", value: .string(function.description.summary ?? function.qualifiedName)),
        ]
        if let discussion = function.description.discussion {
            members.append((key: "description", value: .string(discussion)))
        }
        if method == "get" {
            members.append((key: "parameters", value: .array(function.description.parameters.map(queryParameter))))
        } else {
            members.append((key: "requestBody", value: requestBody(for: function)))
        }
        members.append((key: "responses", value: .object(responses)))
        return .object(members)
    }

    private static func queryParameter(_ parameter: Parameter) -> JSONValue {
        .object(dropping: [
            "name": .string(parameter.name),
            "in": "query",
            "required": .bool(parameter.isRequired),
            "description": parameter.description.map(JSONValue.string),
            "schema": schemaWithDefault(parameter),
            "example": parameter.defaultValue ?? parameter.schema.example,
        ])
    }

    /// The schema of a JSON object of named arguments.
    private static func argumentsSchema(for function: BoundFunction) -> JSONValue {
        [
            "type": "object",
            "properties": .object(function.description.parameters.map { (key: $0.name, value: schemaWithDefault($0)) }),
            "required": .array(function.description.parameters.filter(\.isRequired).map { .string($0.name) }),
            "additionalProperties": false,
        ]
    }

    private static func example(for function: BoundFunction) -> JSONValue {
        .object(function.description.parameters.map { (key: $0.name, value: $0.defaultValue ?? $0.schema.example) })
    }

    private static func requestBody(for function: BoundFunction) -> JSONValue {
        let schema = argumentsSchema(for: function)
        let example = example(for: function)
        var content: [(key: String, value: JSONValue)] = [
            (key: "application/json", value: ["schema": schema, "example": example])
        ]
        if function.acceptsQuery {
            content.append((key: "application/x-www-form-urlencoded", value: ["schema": schema]))
        }
        if function.takesFiles { content += uploadContent(for: function) }
        return [
            "required": .bool(function.description.parameters.contains(where: \.isRequired)),
            "content": .object(content),
        ]
    }

    /// How a function that takes files also accepts them: as multipart file parts (binary, not base64),
    /// and, with one file parameter, as the whole body in each accepted media type.
    private static func uploadContent(for function: BoundFunction) -> [(key: String, value: JSONValue)] {
        let parameters = function.description.parameters
        func fileSchema(_ parameter: Parameter) -> JSONValue {
            .object(dropping: [
                "type": "string", "format": "binary",
                "contentMediaType": parameter.schema.contentMediaType.map(JSONValue.string),
                "description": parameter.description.map(JSONValue.string),
            ])
        }
        let form: JSONValue = [
            "type": "object",
            "properties": .object(
                parameters.map { (key: $0.name, value: $0.schema.isBinary ? fileSchema($0) : schemaWithDefault($0)) }),
            "required": .array(parameters.filter(\.isRequired).map { .string($0.name) }),
        ]
        let encoding = parameters.compactMap { parameter -> (key: String, value: JSONValue)? in
            guard let types = parameter.schema.acceptedMediaTypes else { return nil }
            let contentType = types.isEmpty ? "application/octet-stream" : types.joined(separator: ", ")
            return (key: parameter.name, value: ["contentType": .string(contentType)])
        }
        var content: [(key: String, value: JSONValue)] = [
            (key: "multipart/form-data", value: ["schema": form, "encoding": .object(encoding)])
        ]
        if let index = function.bodyFileParameter {
            let types = parameters[index].schema.acceptedMediaTypes ?? []
            for type in (types.isEmpty ? [] : types) + ["application/octet-stream"] {
                content.append((key: type, value: ["schema": ["type": "string", "format": "binary"]]))
            }
        }
        return content
    }

    /// The parameter's schema with its description and default value.
    private static func schemaWithDefault(_ parameter: Parameter) -> JSONValue {
        guard case .object(var members) = parameter.schema.jsonValue else { return parameter.schema.jsonValue }
        if let description = parameter.description, !members.contains(where: { $0.key == "description" }) {
            members.append((key: "description", value: .string(description)))
        }
        if let defaultValue = parameter.defaultValue { members.append((key: "default", value: defaultValue)) }
        return .object(members)
    }

    private static func batchPathItem(for function: BoundFunction, maximumSize: Int, requiresToken: Bool) -> JSONValue {
        let request: JSONValue = [
            "type": "object",
            "properties": [
                "instances": [
                    "type": "array", "maxItems": .integer(maximumSize),
                    // Each instance is checked on its own and a bad one fails alone (in `errors`), so the
                    // request is valid whatever the instances hold; the arguments schema documents them.
                    "items": [
                        "anyOf": [argumentsSchema(for: function), [:]],
                        "description": "The arguments of one call, as the function's own route takes them.",
                    ],
                ]
            ],
            "required": ["instances"],
            "additionalProperties": false,
        ]
        let result: JSONValue = [
            "type": "object",
            "properties": [
                "predictions": [
                    "type": "array",
                    "description": "One result per instance, in order; null where the instance failed.",
                    "items": ["anyOf": [function.description.result.jsonValue, ["type": "null"]]],
                ],
                "errors": [
                    "type": "array",
                    "description": "One entry per failed instance.",
                    "items": ["$ref": "#/components/schemas/BatchError"],
                ],
            ],
            "required": ["predictions", "errors"],
        ]
        var responses: [(key: String, value: JSONValue)] = [
            (
                key: "200",
                value: [
                    "description": "The results in the order of the instances, and the errors of those that failed.",
                    "content": ["application/json": ["schema": result]],
                ]
            )
        ]
        responses += errorReferences(excluding: ["414", "500"], requiresToken: requiresToken)
        let id = function.qualifiedName.replacing(".", with: "_")
        return [
            "post": [
                "operationId": .string(id + "_batch"),
                "summary": .string("Many calls of \(function.qualifiedName) in one request"),
                "description": .string(
                    "Each instance is what \(function.route.path) takes and is checked on its own: one that fails gets "
                        + "null in `predictions` and an entry in `errors`, and the others still answer. At most "
                        + "\(maximumSize) instances per request (413 beyond)."
                ),
                "requestBody": [
                    "required": true,
                    "content": [
                        "application/json": [
                            "schema": request, "example": ["instances": [example(for: function)]],
                        ]
                    ],
                ],
                "responses": .object(responses),
            ]
        ]
    }
}
