public import ArgumentParser

/// The models `serve train` and `serve evaluate` know.
public enum ModelName: String, CaseIterable, ExpressibleByArgument, Sendable {
    case iris

    /// Where the repository keeps the model's data, split and artifact.
    var defaults: (data: String, split: String, model: String, report: String) {
        switch self {
        case .iris: ("data/iris.csv", "data/iris_split.json", "models/iris.json", "reports/iris-evaluation.json")
        }
    }
}
