/// The operators of this group, by op type: the activation functions, the softmax family, and `Dropout` and
/// `Identity`, which pass their input through.
enum ActivationOperators {
    static let all: [String: OperatorFactory] = PointwiseActivations.factories.merging([
        "PRelu": PReluOperator.factory,
        "Softmax": SoftmaxOperator.factory(.softmax),
        "LogSoftmax": SoftmaxOperator.factory(.logSoftmax),
        "Hardmax": SoftmaxOperator.factory(.hardmax),
        "Dropout": DropoutOperator.factory,
        "Identity": { _ in IdentityOperator() },
    ]) { first, _ in first }
}
