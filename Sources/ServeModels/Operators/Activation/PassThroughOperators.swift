/// `Identity`: its input, whatever it is (a tensor or a sequence).
struct IdentityOperator: Operator {
    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        guard let input = inputs.first, let input else { throw .missingInput(0) }
        return [input]
    }
}

/// `Dropout`: at inference (always before opset 12; from 12 unless input 2, `training_mode`, is true) the input
/// unchanged and, when the node asks for it, a mask of all true (all ones of the input's type before opset 10).
///
/// In training mode each element is kept with probability 1 - ratio (input 1, default 0.5) and scaled by
/// 1 / (1 - ratio); with the `seed` attribute the draws are NumPy's, as in ONNX's reference implementation.
struct DropoutOperator: Operator {
    let opset: Int
    let outputCount: Int
    let seed: UInt32?

    static let factory: OperatorFactory = { spec throws(OperatorError) in
        let seed = try spec.attributes.int("seed").map { UInt32(truncatingIfNeeded: $0) }
        return DropoutOperator(opset: spec.opset, outputCount: spec.outputCount, seed: seed)
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try inputs.tensor(0)
        if opset >= 12, let training = try inputs.optionalTensor(2) {
            guard let flags = training.values(as: Bool.self), flags.count == 1 else {
                throw OperatorError("input 2 (training_mode) must be one bool")
            }
            let ratio = try self.ratio(inputs)
            if flags[0], ratio != 0 { return try train(x, ratio: ratio) }
        }
        guard outputCount > 1 else { return [.tensor(x)] }
        let ones = TensorData.bool(Array(repeating: true, count: x.count))
        let mask = opset >= 10 ? ones : try CastOperator.convert(ones, to: x.elementType)
        return [.tensor(x), .tensor(Tensor(checked: x.shape, mask))]
    }

    /// The ratio (input 1), 0.5 when absent.
    private func ratio(_ inputs: [Value?]) throws(OperatorError) -> Double {
        guard let tensor = try inputs.optionalTensor(1) else { return 0.5 }
        guard let values: [Double] = ElementwiseNumbers.floats(tensor.data), values.count == 1 else {
            throw OperatorError("input 1 (ratio) must be one float")
        }
        guard values[0] >= 0, values[0] < 1 else {
            throw OperatorError("input 1 (ratio) is \(values[0]); it must be in [0, 1)")
        }
        return values[0]
    }

    private func train(_ x: Tensor, ratio: Double) throws(OperatorError) -> [Value] {
        var random = DropoutRandomGenerator(seed: seed ?? UInt32.random(in: .min ... .max))
        var mask = [Bool](repeating: false, count: x.count)
        for index in mask.indices { mask[index] = random.nextUnit() >= ratio }
        let scale = 1 / (1 - ratio)
        let data: TensorData
        switch x.data {
        case .float(let values):
            let scale = Float(scale)
            data = .float(zip(values, mask).map { $1 ? $0 * scale : 0 })
        case .double(let values):
            data = .double(zip(values, mask).map { $1 ? $0 * scale : 0 })
        default:
            throw .unsupportedType(x.elementType)
        }
        let output = Value.tensor(Tensor(checked: x.shape, data))
        guard outputCount > 1 else { return [output] }
        return [output, .tensor(Tensor(checked: x.shape, .bool(mask)))]
    }
}
