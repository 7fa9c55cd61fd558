/// Conv: the convolution (strictly, cross-correlation) of an `N × C × D1 × …` input with `M × C/group × k1 × …`
/// weights over 1, 2 or 3 spatial axes, with strides, dilations, explicit or automatic padding, groups
/// (depthwise when each group has one input channel) and an optional bias of `M` values.
struct ConvOperator: Operator {
    let window: NeuralNetworkWindowAttributes
    let group: Int

    static func make(_ spec: NodeSpec) throws(OperatorError) -> any Operator {
        NeuralNetworkBLAS.prepare()
        let group = try spec.attributes.int("group", default: 1)
        guard group >= 1 else { throw OperatorError("group \(group) is below 1") }
        return ConvOperator(window: try NeuralNetworkWindowAttributes(spec), group: group)
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try inputs.tensor(0)
        let w = try inputs.tensor(1)
        let bias = try inputs.optionalTensor(2)
        let shape = try ConvolutionShape(input: x.shape, weights: w.shape, group: group, window: window)
        if let bias, bias.shape != [shape.outputChannels] {
            throw OperatorError("input 2 (the bias) has shape \(bias.shape); Conv needs [\(shape.outputChannels)]")
        }
        let result: TensorData
        switch (x.data, w.data, bias?.data) {
        case (.float(let x), .float(let w), .none): result = .float(try shape.convolve(x, w, nil))
        case (.float(let x), .float(let w), .float(let b)?): result = .float(try shape.convolve(x, w, b))
        case (.double(let x), .double(let w), .none): result = .double(try shape.convolve(x, w, nil))
        case (.double(let x), .double(let w), .double(let b)?): result = .double(try shape.convolve(x, w, b))
        default:
            if x.elementType != .float && x.elementType != .double { throw .unsupportedType(x.elementType) }
            throw OperatorError("Conv's inputs must all have input 0's type, \(x.elementType)")
        }
        return [.tensor(Tensor(checked: shape.outputShape, result))]
    }
}

/// One Conv call's sizes, checked: the batch, the channels, the group and the window over three spatial axes.
struct ConvolutionShape {
    let batch: Int
    let inputChannels: Int
    let outputChannels: Int
    let group: Int
    /// The window, lifted to three spatial axes.
    let window: NeuralNetworkWindow
    let outputShape: [Int]
}

extension ConvolutionShape {
    init(input: [Int], weights: [Int], group: Int, window attributes: NeuralNetworkWindowAttributes)
        throws(OperatorError)
    {
        guard input.count >= 3 else {
            throw OperatorError("input 0 has shape \(input); Conv needs N × C × at least one spatial axis")
        }
        guard weights.count == input.count else {
            throw OperatorError(
                "input 1 (the weights) has shape \(weights); Conv needs rank \(input.count), as input 0 has")
        }
        batch = input[0]
        inputChannels = input[1]
        outputChannels = weights[0]
        self.group = group
        guard inputChannels % group == 0, weights[1] * group == inputChannels else {
            throw OperatorError(
                "input 0 has \(inputChannels) channels; the weights of shape \(weights) take \(weights[1]) per "
                    + "group, \(weights[1] * group) with group \(group)")
        }
        guard outputChannels % group == 0 else {
            throw OperatorError("the weights have \(outputChannels) output channels, not a multiple of group \(group)")
        }
        let kernel = try attributes.kernel(rank: input.count - 2, weights: Array(weights.dropFirst(2)))
        let resolved = try attributes.forward(input: Array(input.dropFirst(2)), kernel: kernel)
        window = try resolved.lifted()
        outputShape = [batch, outputChannels] + resolved.output
        let columns = inputChannels / group * kernel.reduce(1, *)
        guard Tensor.elementCount(outputShape) != nil,
            Tensor.elementCount([columns, window.output.reduce(1, *)]) != nil
        else { throw OperatorError("Conv's result of shape \(outputShape) is too large") }
        try NeuralNetworkBLAS.check(columns, window.output.reduce(1, *), outputChannels)
    }

    /// Conv's output for `x` and `w` (and the bias), both in the shapes checked.
    func convolve<T: NeuralNetworkScalar>(_ x: [T], _ w: [T], _ bias: [T]?) throws(OperatorError) -> [T] {
        let outputSize = window.output.reduce(1, *)
        var y = [T](repeating: 0, count: batch * outputChannels * outputSize)
        if let bias {
            y.withUnsafeMutableBufferPointer { y in
                for plane in 0..<batch * outputChannels {
                    let value = bias[plane % outputChannels]
                    for index in plane * outputSize..<(plane + 1) * outputSize { y[index] = value }
                }
            }
        }
        if y.isEmpty { return y }
        x.withUnsafeBufferPointer { x in
            w.withUnsafeBufferPointer { w in
                y.withUnsafeMutableBufferPointer { y in
                    guard let x = x.baseAddress, let w = w.baseAddress, let y = y.baseAddress else { return }
                    if inputChannels == group {
                        ConvolutionKernels.depthwise(self, x, w, y)
                    } else {
                        ConvolutionKernels.lowered(self, x, w, y, accumulate: bias != nil)
                    }
                }
            }
        }
        return y
    }
}
