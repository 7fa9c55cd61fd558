@testable import ServeModels

/// Runs one standard-domain operator on tensors, as a node of a model importing `opset` would, for the
/// operators' tests.
enum OperatorTestSupport {
    /// A node of `opType` with `attributes`.
    static func node(
        _ opType: String, opset: Int = 17, attributes: [String: Attribute] = [:], inputs: Int = 1, outputs: Int = 1
    ) -> NodeSpec {
        NodeSpec(
            name: "test", opType: opType, domain: "ai.onnx", opset: opset, attributes: Attributes(attributes),
            inputCount: inputs, outputCount: outputs)
    }

    /// The outputs of `opType` run on `inputs` (nil for an absent one).
    static func run(
        _ opType: String, opset: Int = 17, attributes: [String: Attribute] = [:], outputs: Int = 1,
        _ inputs: [Tensor?]
    ) throws -> [Tensor] {
        guard let factory = OperatorRegistry.factory(domain: "ai.onnx", opType: opType) else {
            throw OperatorError("\(opType) is not registered")
        }
        let spec = node(opType, opset: opset, attributes: attributes, inputs: inputs.count, outputs: outputs)
        return try factory(spec).run(inputs.map { $0.map(Value.tensor) }).compactMap(\.tensor)
    }

    /// The first output of `opType`.
    static func run1(
        _ opType: String, opset: Int = 17, attributes: [String: Attribute] = [:], _ inputs: [Tensor?]
    ) throws -> Tensor {
        guard let first = try run(opType, opset: opset, attributes: attributes, inputs).first else {
            throw OperatorError("\(opType) gave no output")
        }
        return first
    }

    /// A float tensor.
    static func floats(_ shape: [Int], _ values: [Float]) throws -> Tensor {
        try Tensor(shape: shape, values: values)
    }

    /// A one-dimensional int64 tensor.
    static func ints(_ values: [Int64]) throws -> Tensor {
        try Tensor(shape: [values.count], values: values)
    }

    /// A float tensor of `shape` holding 1, 2, 3, … in order.
    static func counting(_ shape: [Int]) throws -> Tensor {
        try Tensor(shape: shape, values: (0..<shape.reduce(1, *)).map { Float($0 + 1) })
    }

    /// Whether `tensor` holds floats within `tolerance` (relative, above 1) of `expected`, NaN matching NaN.
    static func close(_ tensor: Tensor, _ expected: [Float], tolerance: Float = 1e-4) -> Bool {
        guard let values = tensor.values(as: Float.self), values.count == expected.count else { return false }
        return zip(values, expected).allSatisfy { got, want in
            (got.isNaN && want.isNaN) || got == want || abs(got - want) <= tolerance * max(1, abs(want))
        }
    }
}
