/// One node's computation, made once when the model loads (its attributes read and checked then) and run
/// for every call, from any thread.
protocol Operator: Sendable {
    /// The node's outputs from its inputs; an absent optional input is nil.
    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value]
}

/// What an operator is made from: one node of the graph, with its attributes decoded.
struct NodeSpec: Sendable {
    /// The node's name, or its op and position when it has none.
    let name: String
    /// The operator, such as `Conv`.
    let opType: String
    /// `ai.onnx` (written `""` in files) or `ai.onnx.ml`.
    let domain: String
    /// The opset version of the node's domain the model imports.
    let opset: Int
    /// The node's attributes.
    let attributes: Attributes
    /// How many inputs the node names (absent optional ones included).
    let inputCount: Int
    /// How many outputs the node names.
    let outputCount: Int
}

/// Why an operator could not be made, or could not run on the inputs it was given: a message for the
/// user, to which the graph adds the node's name and op.
struct OperatorError: Error, Equatable, CustomStringConvertible {
    let message: String

    init(_ message: String) { self.message = message }

    var description: String { message }

    /// An input the operator needs and was not given.
    static func missingInput(_ index: Int) -> OperatorError { OperatorError("input \(index) is missing") }

    /// An input of an element type the operator does not take.
    static func unsupportedType(_ type: ElementType, input index: Int = 0) -> OperatorError {
        OperatorError("input \(index) is a \(type) tensor, which this operator does not take")
    }
}

extension [Value?] {
    /// Input `index` as a tensor; throws when it is absent or not a tensor.
    func tensor(_ index: Int) throws(OperatorError) -> Tensor {
        guard index < count, let value = self[index] else { throw .missingInput(index) }
        guard let tensor = value.tensor else { throw OperatorError("input \(index) is not a tensor") }
        return tensor
    }

    /// Input `index` as a tensor, or nil when the node leaves this optional input out.
    func optionalTensor(_ index: Int) throws(OperatorError) -> Tensor? {
        guard index < count, self[index] != nil else { return nil }
        return try tensor(index)
    }
}
