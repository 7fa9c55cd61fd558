public import Serve

/// The functions the `serve` executable ships with.
public enum Bundled {
    /// Free functions.
    public static let functions: [ServedFunction<Void>] = [$add]
    /// Groups of functions with shared state.
    public static let groups: [any EndpointGroup.Type] = [Iris.self, Sentiment.self, Fashion.self]
}
