/// InstanceNormalization: each `N × C` plane normalised by its own mean and (population) variance, then
/// `scale[c] · x̂ + B[c]`.
struct InstanceNormalizationOperator: Operator {
    let epsilon: Float

    static func make(_ spec: NodeSpec) throws(OperatorError) -> any Operator {
        InstanceNormalizationOperator(epsilon: try spec.attributes.float("epsilon", default: 1e-5))
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try inputs.tensor(0)
        let scale = try inputs.tensor(1)
        let bias = try inputs.tensor(2)
        guard x.rank >= 3 else {
            throw OperatorError("input 0 has shape \(x.shape); InstanceNormalization needs N × C × spatial axes")
        }
        let channels = x.shape[1]
        for (index, tensor) in [(1, scale), (2, bias)] where tensor.shape != [channels] {
            throw OperatorError("input \(index) has shape \(tensor.shape); InstanceNormalization needs [\(channels)]")
        }
        let planeSize = x.shape.dropFirst(2).reduce(1, *)
        let result: TensorData
        switch (x.data, scale.data, bias.data) {
        case (.float(let x), .float(let s), .float(let b)):
            result = .float(normalize(x, s, b, channels: channels, planeSize: planeSize))
        case (.double(let x), .double(let s), .double(let b)):
            result = .double(normalize(x, s, b, channels: channels, planeSize: planeSize))
        default:
            if x.elementType != .float && x.elementType != .double { throw .unsupportedType(x.elementType) }
            throw OperatorError("InstanceNormalization's inputs must all have input 0's type, \(x.elementType)")
        }
        return [.tensor(Tensor(checked: x.shape, result))]
    }

    private func normalize<T: NeuralNetworkScalar>(_ x: [T], _ scale: [T], _ bias: [T], channels: Int, planeSize: Int)
        -> [T]
    {
        var y = [T](repeating: 0, count: x.count)
        guard planeSize > 0 else { return y }
        let count = T(planeSize)
        let planes = x.count / planeSize
        x.withUnsafeBufferPointer { x in
            y.withUnsafeMutableBufferPointer { y in
                guard let x = x.baseAddress, let y = y.baseAddress else { return }
                for plane in 0..<planes {
                    let (input, output) = (x + plane * planeSize, y + plane * planeSize)
                    let mean = NeuralNetworkMath.sum(input, planeSize) / count
                    let variance = NeuralNetworkMath.squaredDeviations(input, planeSize, from: mean) / count
                    let factor = scale[plane % channels] / (variance + T(epsilon)).squareRoot()
                    let shift = bias[plane % channels] - mean * factor
                    for index in 0..<planeSize { output[index] = input[index] * factor + shift }
                }
            }
        }
        return y
    }
}
