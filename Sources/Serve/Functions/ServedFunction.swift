/// A Swift function as Serve serves it: its description and how to call it with a request's `Arguments`.
///
/// `@Endpoint` generates one as a peer of the function it annotates (`$add` for `add`). `Group` is the
/// state the function runs against: `Void` for a free function, the ``EndpointGroup`` type for a method.
public struct ServedFunction<Group: Sendable>: Sendable {
    /// What clients see: names, documentation, parameters and result.
    public let description: FunctionDescription
    let invocation: Invocation<Group>
    /// Where the function's batched calls are told of, when concurrent calls are combined (a model's).
    public let batches: BatchEvents?

    /// Describes a function.
    ///
    /// Macro support: called by the code `@Endpoint` generates, not meant to be written by hand.
    @_documentation(visibility: internal)
    public init(
        name: String,
        path: String? = nil,
        summary: String?,
        discussion: String?,
        parameters: [Parameter],
        result: JSONSchema,
        resultDescription: String?,
        tensors: TensorInterface? = nil,
        batches: BatchEvents? = nil,
        invocation: Invocation<Group>
    ) {
        description = FunctionDescription(
            name: name, path: path, summary: summary, discussion: discussion, parameters: parameters,
            result: result, resultDescription: resultDescription, tensors: tensors)
        self.batches = batches
        self.invocation = invocation
    }

    /// The function's qualified name and route when served in `group` (nil for a free function).
    public func route(group: String?) -> Route { description.route(group: group) }
}

/// How a served function runs, given the state of its group (`Void` for a free function) and the
/// request's arguments.
///
/// Macro support: `@Endpoint` generates the closures; the runtime calls them.
@_documentation(visibility: internal)
public enum Invocation<State: Sendable>: Sendable {
    /// A synchronous function: bound and called at once, on the connection's thread, its result written
    /// where the response (or a batch's list of results) is being written.
    case immediate(@Sendable (State, inout Arguments, inout JSONWriter) throws -> Void)
    /// An `async` function: bound on the connection's thread, then run as a task.
    case deferred(@Sendable (State, inout Arguments) throws -> @Sendable () async throws -> JSONOutput)

    /// The same call with its state supplied, ready for the runtime.
    func bound(to state: State) -> Invocation<Void> {
        switch self {
        case .immediate(let body): .immediate { _, arguments, writer in try body(state, &arguments, &writer) }
        case .deferred(let body): .deferred { _, arguments in try body(state, &arguments) }
        }
    }
}

/// What clients see of a function, read from its declaration: the one description behind the manifest,
/// the OpenAPI document, the docs page and remote calls.
public struct FunctionDescription: Sendable {
    /// The function's base name, e.g. `predict`.
    public let name: String
    /// The route, when the annotation overrides the one derived from the name.
    public let path: String?
    /// The doc comment's first paragraph.
    public let summary: String?
    /// The rest of the doc comment's prose.
    public let discussion: String?
    /// The parameters, in declaration order.
    public let parameters: [Parameter]
    /// The result's schema.
    public let result: JSONSchema
    /// The doc comment's `- Returns:` text.
    public let resultDescription: String?
    /// The inputs and outputs as tensors, when the function declares them (a model does); nil for one
    /// whose tensors are read from its schemas.
    public let tensors: TensorInterface?

    /// The qualified name (`iris.predict`) and route (`/iris/predict`) when served in `group` (nil for a
    /// free function).
    public func route(group: String?) -> Route {
        Route(qualifiedName: group.map { $0 + "." + name } ?? name, path: path)
    }

    /// The summary and the discussion as one text.
    public var documentation: String { [summary, discussion].compactMap { $0 }.joined(separator: "\n\n") }

    /// Whether a query string can carry every parameter (so the function also answers `GET`).
    public var acceptsQuery: Bool { parameters.allSatisfy(\.schema.isScalar) }
}

/// Where a function is served: the one derivation of its routes from its name.
public struct Route: Sendable, Hashable {
    /// `add`, `iris.predict`.
    public let qualifiedName: String
    /// `/add`, `/iris/predict` (dots become slashes), or the route `@Endpoint(path:)` gave.
    public let path: String

    /// The route of `qualifiedName`, or `path` when given.
    public init(qualifiedName: String, path: String? = nil) {
        self.qualifiedName = qualifiedName
        self.path = path ?? "/" + qualifiedName.split(separator: ".").joined(separator: "/")
    }

    /// The route of the function's batch calls: `/iris/predict/batch`.
    public var batchPath: String { path + "/batch" }
}

/// A parameter of a served function.
public struct Parameter: Sendable {
    /// The name clients use: the argument label, or the parameter name when the label is `_`.
    public let name: String
    /// The declared type's schema.
    public let schema: JSONSchema
    /// Whether a call must supply it (no default value and not optional).
    public let isRequired: Bool
    /// The default value as JSON, if the declaration has one.
    public let defaultValue: JSONValue?
    /// The doc comment's text for this parameter.
    public let description: String?

    /// A parameter without a default value; required unless `type` is optional.
    public init<T: WireCodable>(_ name: String, _ type: T.Type, description: String? = nil) {
        self.name = name
        self.schema = T.jsonSchema
        self.isRequired = !schema.isOptional
        self.defaultValue = nil
        self.description = description
    }

    /// A parameter described by its schema alone, for a function made at run time (a model's inputs, read
    /// from its file); its invocation reads the value as `JSONValue`.
    public init(_ name: String, schema: JSONSchema, isRequired: Bool = true, description: String? = nil) {
        self.name = name
        self.schema = schema
        self.isRequired = isRequired
        self.defaultValue = nil
        self.description = description
    }

    /// A parameter with a default value.
    public init<T: WireCodable>(_ name: String, _ type: T.Type, default value: T, description: String? = nil) {
        self.name = name
        self.schema = T.jsonSchema
        self.isRequired = false
        self.defaultValue = .encoded(JSONOutput(value).text)
        self.description = description
    }
}
