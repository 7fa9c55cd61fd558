@testable import ServeModels

/// Builds and runs one `ai.onnx.ml` operator for the tests of this folder.
enum MLTest {
    static func spec(_ op: String, _ attributes: [String: Attribute], opset: Int = 1, inputs: Int = 1, outputs: Int = 1)
        -> NodeSpec
    {
        NodeSpec(
            name: op, opType: op, domain: "ai.onnx.ml", opset: opset, attributes: Attributes(attributes),
            inputCount: inputs, outputCount: outputs)
    }

    static func make(_ op: String, _ attributes: [String: Attribute], opset: Int = 1) throws -> any Operator {
        guard let factory = MachineLearningOperators.all[op] else { throw OperatorError("\(op) is not registered") }
        return try factory(spec(op, attributes, opset: opset))
    }

    /// The outputs of `op` on `inputs`.
    static func run(_ op: String, _ attributes: [String: Attribute], _ inputs: [Tensor], opset: Int = 1) throws
        -> [Value]
    {
        try make(op, attributes, opset: opset).run(inputs.map { .tensor($0) })
    }

    static func floats(_ values: [Float], _ shape: [Int]) throws -> Tensor { try Tensor(shape: shape, values: values) }

    /// Whether `value` is a float tensor of `shape` whose elements are within `tolerance` of `expected`.
    static func close(_ value: Value?, _ expected: [Float], shape: [Int], tolerance: Float = 1e-5) -> Bool {
        guard let tensor = value?.tensor, tensor.shape == shape, let got = tensor.values(as: Float.self),
            got.count == expected.count
        else { return false }
        return zip(got, expected).allSatisfy { abs($0 - $1) <= tolerance }
    }
}
