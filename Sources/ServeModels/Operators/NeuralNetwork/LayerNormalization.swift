/// LayerNormalization: each run of the axes from `axis` to the last normalised by its own mean and
/// (population) variance, then `Scale · x̂ + B` with Scale and B broadcast over those axes. The optional
/// outputs 1 and 2 are the mean and `1 / √(var + epsilon)`, shaped as X with the normalised axes set to 1.
struct LayerNormalizationOperator: Operator {
    let axis: Int
    let epsilon: Float
    let outputCount: Int

    static func make(_ spec: NodeSpec) throws(OperatorError) -> any Operator {
        LayerNormalizationOperator(
            axis: try spec.attributes.int("axis", default: -1),
            epsilon: try spec.attributes.float("epsilon", default: 1e-5),
            outputCount: min(3, max(1, spec.outputCount)))
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try inputs.tensor(0)
        let scale = try inputs.tensor(1)
        let bias = try inputs.optionalTensor(2)
        let axis = self.axis < 0 ? self.axis + x.rank : self.axis
        guard axis >= 0, axis < x.rank else {
            throw OperatorError("axis \(self.axis) is outside input 0's \(x.rank) axes")
        }
        let normalizedShape = Array(x.shape[axis...])
        let scaleIndices = try Self.indices(of: scale, index: 1, in: normalizedShape)
        var biasIndices: [Int]?
        if let bias { biasIndices = try Self.indices(of: bias, index: 2, in: normalizedShape) }
        let layout = (rows: x.shape[..<axis].reduce(1, *), columns: normalizedShape.reduce(1, *))
        let statisticsShape = Array(x.shape[..<axis]) + [Int](repeating: 1, count: x.rank - axis)
        let outputs: (TensorData, [Float], [Float])
        switch (x.data, scale.data, bias?.data) {
        case (.float(let x), .float(let s), .none):
            outputs = wrap(normalize(x, s, nil, scaleIndices, biasIndices, layout))
        case (.float(let x), .float(let s), .float(let b)?):
            outputs = wrap(normalize(x, s, b, scaleIndices, biasIndices, layout))
        case (.double(let x), .double(let s), .none):
            outputs = wrap(normalize(x, s, nil, scaleIndices, biasIndices, layout))
        case (.double(let x), .double(let s), .double(let b)?):
            outputs = wrap(normalize(x, s, b, scaleIndices, biasIndices, layout))
        default:
            if x.elementType != .float && x.elementType != .double { throw .unsupportedType(x.elementType) }
            throw OperatorError("LayerNormalization's inputs must all have input 0's type, \(x.elementType)")
        }
        // The statistics are of the stash type, float.
        let all: [Value] = [
            .tensor(Tensor(checked: x.shape, outputs.0)),
            .tensor(Tensor(checked: statisticsShape, .float(outputs.1))),
            .tensor(Tensor(checked: statisticsShape, .float(outputs.2))),
        ]
        return Array(all.prefix(outputCount))
    }

    /// For each element of the normalised axes, the element of `tensor` (Scale or B) it uses; nil when the
    /// tensor has exactly their shape.
    private static func indices(of tensor: Tensor, index: Int, in shape: [Int]) throws(OperatorError) -> [Int]? {
        var own = tensor.shape
        while own.count > shape.count, own.first == 1 { own.removeFirst() }
        if own == shape { return nil }
        guard Broadcasting.shape(own, shape) == shape else {
            throw OperatorError(
                "input \(index) has shape \(tensor.shape), which does not broadcast to the normalised axes' \(shape)")
        }
        return Broadcasting.sourceIndices(of: own, in: shape)
    }

    private func wrap<T: NeuralNetworkScalar>(_ result: (y: [T], mean: [Float], inverse: [Float])) -> (
        TensorData, [Float], [Float]
    ) {
        (T.wrap(result.y), result.mean, result.inverse)
    }

    private func normalize<T: NeuralNetworkScalar>(
        _ x: [T], _ scale: [T], _ bias: [T]?, _ scaleIndices: [Int]?, _ biasIndices: [Int]?,
        _ layout: (rows: Int, columns: Int)
    ) -> (y: [T], mean: [Float], inverse: [Float]) {
        var y = [T](repeating: 0, count: x.count)
        var means = [Float](repeating: 0, count: layout.rows)
        var inverses = [Float](repeating: 0, count: layout.rows)
        let columns = layout.columns
        guard columns > 0 else { return (y, means, inverses) }
        // Scale and bias spread over the normalised axes, so the row loop reads them in step with x.
        let scale = scaleIndices.map { $0.map { scale[$0] } } ?? scale
        let bias =
            bias.map { bias in biasIndices.map { $0.map { bias[$0] } } ?? bias } ?? [T](repeating: 0, count: columns)
        let count = T(columns)
        x.withUnsafeBufferPointer { x in
            y.withUnsafeMutableBufferPointer { y in
                scale.withUnsafeBufferPointer { scale in
                    bias.withUnsafeBufferPointer { bias in
                        guard let x = x.baseAddress, let y = y.baseAddress, let scale = scale.baseAddress,
                            let bias = bias.baseAddress
                        else { return }
                        for row in 0..<layout.rows {
                            let input = x + row * columns
                            let output = y + row * columns
                            let mean = NeuralNetworkMath.sum(input, columns) / count
                            let variance = NeuralNetworkMath.squaredDeviations(input, columns, from: mean) / count
                            let inverse = 1 / (variance + T(epsilon)).squareRoot()
                            means[row] = Float(mean)
                            inverses[row] = Float(inverse)
                            for column in 0..<columns {
                                output[column] = (input[column] - mean) * inverse * scale[column] + bias[column]
                            }
                        }
                    }
                }
            }
        }
        return (y, means, inverses)
    }
}
