public import ArgumentParser
public import Serve

/// The functions the `serve` executable ships with.
public enum Bundled {
    /// Free functions.
    public static let functions: [ServedFunction<Void>] = [$add]
    /// Groups of functions with shared state.
    public static let groups: [any EndpointGroup.Type] = [Iris.self, Sentiment.self]
    /// Subcommands beside serving: training and evaluating the bundled models.
    public static let commands: [any ParsableCommand.Type] = [TrainCommand.self, EvaluateCommand.self]
}
