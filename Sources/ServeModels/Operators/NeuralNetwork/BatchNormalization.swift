/// BatchNormalization: `scale · (x − mean) / √(var + epsilon) + B` per channel (axis 1). In inference (the
/// usual case) mean and var are the inputs; with `training_mode` (opset 14 on) they are the batch's own, and
/// the running mean and variance follow as the optional outputs 1 and 2.
struct BatchNormalizationOperator: Operator {
    let epsilon: Float
    let momentum: Float
    let training: Bool
    /// How many outputs the node names (in training, Y and up to the running mean and variance).
    let outputCount: Int

    static func make(_ spec: NodeSpec) throws(OperatorError) -> any Operator {
        let epsilon = try spec.attributes.float("epsilon", default: 1e-5)
        let momentum = try spec.attributes.float("momentum", default: 0.9)
        if spec.opset < 9, try spec.attributes.int("spatial", default: 1) == 0 {
            throw OperatorError("spatial 0 (statistics per element rather than per channel) is not supported")
        }
        let trainingMode = try spec.attributes.int("training_mode", default: 0)
        let training = spec.opset >= 14 && trainingMode != 0
        if !training && spec.outputCount > 1 {
            throw OperatorError("BatchNormalization's training outputs need training_mode 1 (opset 14 or later)")
        }
        return BatchNormalizationOperator(
            epsilon: epsilon, momentum: momentum, training: training, outputCount: min(3, max(1, spec.outputCount)))
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try inputs.tensor(0)
        guard x.rank >= 2 else {
            throw OperatorError("input 0 has shape \(x.shape); BatchNormalization needs N × C × …")
        }
        let channels = x.shape[1]
        var parameters: [Tensor] = []
        for index in 1...4 {
            let tensor = try inputs.tensor(index)
            guard tensor.shape == [channels] else {
                throw OperatorError(
                    "input \(index) has shape \(tensor.shape); BatchNormalization needs [\(channels)], one per channel")
            }
            parameters.append(tensor)
        }
        let layout = (batch: x.shape[0], channels: channels, plane: x.shape.dropFirst(2).reduce(1, *))
        let outputs: [TensorData]
        switch x.data {
        case .float(let values): outputs = try normalize(values, parameters, layout).map { .float($0) }
        case .double(let values): outputs = try normalize(values, parameters, layout).map { .double($0) }
        default: throw .unsupportedType(x.elementType)
        }
        return outputs.prefix(outputCount).enumerated().map { index, data in
            .tensor(Tensor(checked: index == 0 ? x.shape : [channels], data))
        }
    }

    /// The outputs: Y, then in training the running mean and variance.
    private func normalize<T: NeuralNetworkScalar>(
        _ x: [T], _ parameters: [Tensor], _ layout: (batch: Int, channels: Int, plane: Int)
    ) throws(OperatorError) -> [[T]] {
        var vectors: [[T]] = []
        for (offset, tensor) in parameters.enumerated() {
            guard let values = tensor.values(as: T.self) else {
                throw OperatorError(
                    "input \(offset + 1) is a \(tensor.elementType) tensor; input 0 is a \(T.elementType) one")
            }
            vectors.append(values)
        }
        let (scale, bias, inputMean, inputVariance) = (vectors[0], vectors[1], vectors[2], vectors[3])
        var mean = inputMean
        var variance = inputVariance
        if training { (mean, variance) = statistics(x, layout) }
        // y = x · factor + shift, per channel.
        var factor = [T](repeating: 0, count: layout.channels)
        var shift = [T](repeating: 0, count: layout.channels)
        for channel in 0..<layout.channels {
            factor[channel] = scale[channel] / (variance[channel] + T(epsilon)).squareRoot()
            shift[channel] = bias[channel] - mean[channel] * factor[channel]
        }
        var y = [T](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { x in
            y.withUnsafeMutableBufferPointer { y in
                for image in 0..<layout.batch {
                    for channel in 0..<layout.channels {
                        let (a, b) = (factor[channel], shift[channel])
                        let start = (image * layout.channels + channel) * layout.plane
                        for index in start..<start + layout.plane { y[index] = x[index] * a + b }
                    }
                }
            }
        }
        guard training else { return [y] }
        let m = T(momentum)
        let runningMean = (0..<layout.channels).map { inputMean[$0] * m + mean[$0] * (1 - m) }
        let runningVariance = (0..<layout.channels).map { inputVariance[$0] * m + variance[$0] * (1 - m) }
        return [y, runningMean, runningVariance]
    }

    /// Each channel's mean and (population) variance over the batch and the spatial axes.
    private func statistics<T: NeuralNetworkScalar>(_ x: [T], _ layout: (batch: Int, channels: Int, plane: Int)) -> (
        [T], [T]
    ) {
        var mean = [T](repeating: 0, count: layout.channels)
        var variance = [T](repeating: 0, count: layout.channels)
        let count = T(layout.batch * layout.plane)
        guard count > 0 else { return (mean, variance) }
        x.withUnsafeBufferPointer { x in
            guard let x = x.baseAddress else { return }
            for channel in 0..<layout.channels {
                var sum: T = 0
                for image in 0..<layout.batch {
                    sum += NeuralNetworkMath.sum(x + (image * layout.channels + channel) * layout.plane, layout.plane)
                }
                let average = sum / count
                var squares: T = 0
                for image in 0..<layout.batch {
                    let plane = x + (image * layout.channels + channel) * layout.plane
                    squares += NeuralNetworkMath.squaredDeviations(plane, layout.plane, from: average)
                }
                mean[channel] = average
                variance[channel] = squares / count
            }
        }
        return (mean, variance)
    }
}
