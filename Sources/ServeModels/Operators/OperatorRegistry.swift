/// Makes an operator for a node, or says why it cannot (an attribute it does not support, say).
typealias OperatorFactory = @Sendable (NodeSpec) throws(OperatorError) -> any Operator

/// Every operator Serve runs, by domain and op type.
enum OperatorRegistry {
    /// The standard domain's name (files write it as `""`).
    static let standardDomain = "ai.onnx"
    /// The domain of the traditional machine-learning operators (scikit-learn's models).
    static let machineLearningDomain = "ai.onnx.ml"

    private static let factories: [String: [String: OperatorFactory]] = [
        standardDomain: merged([
            ElementwiseOperators.all, ActivationOperators.all, ShapeOperators.all, ReductionOperators.all,
            NeuralNetworkOperators.all,
        ]),
        machineLearningDomain: MachineLearningOperators.all,
    ]

    /// The factory for `opType` in `domain` (`""` is the standard domain), or nil when Serve does not run it.
    static func factory(domain: String, opType: String) -> OperatorFactory? {
        factories[normalized(domain)]?[opType]
    }

    /// The op types Serve runs in `domain`, sorted.
    static func operators(in domain: String) -> [String] {
        (factories[normalized(domain)] ?? [:]).keys.sorted()
    }

    static func normalized(_ domain: String) -> String {
        domain.isEmpty ? standardDomain : domain
    }

    private static func merged(_ groups: [[String: OperatorFactory]]) -> [String: OperatorFactory] {
        groups.reduce(into: [:]) { result, group in result.merge(group) { first, _ in first } }
    }
}
