/// A Swift function as Serve serves it: its documentation, its parameters in declaration order, its
/// result, and how to call it with a request's ``Arguments``.
///
/// `@Endpoint` generates one as a peer of the function it annotates (`$add` for `add`). `Group` is the
/// state the function runs against: `Void` for a free function, the ``EndpointGroup`` type for a method.
public struct ServedFunction<Group: Sendable>: Sendable {
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
    let invocation: Invocation

    /// How a call runs.
    public enum Invocation: Sendable {
        /// A synchronous function: bound and called at once, on the connection's thread.
        case immediate(@Sendable (Group, inout Arguments) throws -> JSONOutput)
        /// An `async` function: bound on the connection's thread, then run as a task.
        case deferred(@Sendable (Group, inout Arguments) throws -> @Sendable () async throws -> JSONOutput)
    }

    /// Describes a function; called by `@Endpoint`'s expansion.
    public init(
        name: String,
        path: String? = nil,
        summary: String?,
        discussion: String?,
        parameters: [Parameter],
        result: JSONSchema,
        resultDescription: String?,
        invocation: Invocation
    ) {
        self.name = name
        self.path = path
        self.summary = summary
        self.discussion = discussion
        self.parameters = parameters
        self.result = result
        self.resultDescription = resultDescription
        self.invocation = invocation
    }
}

extension ServedFunction {
    /// The function's qualified name (`iris.predict`) and route (`/iris/predict`) when served in `group`
    /// (nil for a free function): dots become slashes unless `@Endpoint(path:)` gave the route.
    public func route(group: String?) -> (qualifiedName: String, path: String) {
        let qualifiedName = group.map { $0 + "." + name } ?? name
        return (qualifiedName, path ?? "/" + qualifiedName.split(separator: ".").joined(separator: "/"))
    }
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

    /// A parameter with a default value.
    public init<T: WireCodable>(_ name: String, _ type: T.Type, default value: T, description: String? = nil) {
        self.name = name
        self.schema = T.jsonSchema
        self.isRequired = false
        self.defaultValue = .encoded(JSONOutput(value).text)
        self.description = description
    }
}
