/// Functions that share state set up once at start-up, such as a loaded model.
///
/// Annotate a struct with `@EndpointGroup` and its methods with `@Endpoint`. The runtime creates
/// one instance when the service starts, with the command line's options, and every call reads it;
/// nothing is shared through mutable globals. The group's name qualifies its functions: `predict` in
/// the group `iris` is served as `iris.predict` at `/iris/predict`.
public protocol EndpointGroup: Sendable {
    /// The name that qualifies the group's functions (by default the type's name, lowercased).
    static var groupName: String { get }
    /// The doc comment of the type.
    static var groupSummary: String? { get }
    /// The functions annotated with `@Endpoint`, in declaration order.
    static var functions: [ServedFunction<Self>] { get }
    /// Sets up the shared state.
    init(options: GroupOptions) async throws
}

/// Settings given to groups at start-up: `--option NAME=VALUE` on the command line.
public struct GroupOptions: Sendable {
    /// Every option given, by name.
    public let values: [String: String]

    /// Options from a dictionary.
    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    /// The value of `name` (e.g. `iris.model`), if given.
    public subscript(name: String) -> String? { values[name] }
}
