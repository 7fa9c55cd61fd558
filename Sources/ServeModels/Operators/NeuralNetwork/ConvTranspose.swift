/// ConvTranspose: the gradient of Conv with respect to its input, of an `N × C × D1 × …` input with
/// `C × M/group × k1 × …` weights, over 1, 2 or 3 spatial axes. Each input element scatters its weighted
/// kernel into the output (one matrix product per group and image, then col2im); `output_padding`,
/// `output_shape` and `auto_pad` set the output's size and where it is cropped.
struct ConvTransposeOperator: Operator {
    let window: NeuralNetworkWindowAttributes
    let group: Int
    let outputPadding: [Int]?
    let outputShape: [Int]?

    static func make(_ spec: NodeSpec) throws(OperatorError) -> any Operator {
        NeuralNetworkBLAS.prepare()
        let group = try spec.attributes.int("group", default: 1)
        guard group >= 1 else { throw OperatorError("group \(group) is below 1") }
        let outputPadding = try spec.attributes.ints("output_padding")
        if let outputPadding, outputPadding.contains(where: { $0 < 0 }) {
            throw OperatorError("output_padding \(outputPadding) has a negative entry")
        }
        let outputShape = try spec.attributes.ints("output_shape")
        if let outputShape, outputShape.contains(where: { $0 < 0 }) {
            throw OperatorError("output_shape \(outputShape) has a negative entry")
        }
        return ConvTransposeOperator(
            window: try NeuralNetworkWindowAttributes(spec), group: group, outputPadding: outputPadding,
            outputShape: outputShape)
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try inputs.tensor(0)
        let w = try inputs.tensor(1)
        let bias = try inputs.optionalTensor(2)
        guard x.rank >= 3 else {
            throw OperatorError("input 0 has shape \(x.shape); ConvTranspose needs N × C × at least one spatial axis")
        }
        guard w.rank == x.rank, w.shape[0] == x.shape[1], x.shape[1] % group == 0 else {
            throw OperatorError(
                "input 1 (the weights) has shape \(w.shape); ConvTranspose needs rank \(x.rank) and a first "
                    + "dimension of \(x.shape[1]) (input 0's channels), divisible by group \(group)")
        }
        let outputChannels = w.shape[1] * group
        if let bias, bias.shape != [outputChannels] {
            throw OperatorError("input 2 (the bias) has shape \(bias.shape); ConvTranspose needs [\(outputChannels)]")
        }
        let window = try resolve(input: Array(x.shape.dropFirst(2)), weights: Array(w.shape.dropFirst(2)))
        let resultShape = [x.shape[0], outputChannels] + window.output
        let rows = w.shape[1] * window.kernel.reduce(1, *)
        guard Tensor.elementCount(resultShape) != nil, Tensor.elementCount([rows, window.input.reduce(1, *)]) != nil
        else { throw OperatorError("ConvTranspose's result of shape \(resultShape) is too large") }
        try NeuralNetworkBLAS.check(rows, window.input.reduce(1, *), x.shape[1])
        let shape = ConvolutionShape(
            batch: x.shape[0], inputChannels: x.shape[1], outputChannels: outputChannels, group: group,
            window: try window.lifted(), outputShape: resultShape)
        let result: TensorData
        switch (x.data, w.data, bias?.data) {
        case (.float(let x), .float(let w), .none): result = .float(Self.transpose(shape, x, w, nil))
        case (.float(let x), .float(let w), .float(let b)?): result = .float(Self.transpose(shape, x, w, b))
        case (.double(let x), .double(let w), .none): result = .double(Self.transpose(shape, x, w, nil))
        case (.double(let x), .double(let w), .double(let b)?): result = .double(Self.transpose(shape, x, w, b))
        default:
            if x.elementType != .float && x.elementType != .double { throw .unsupportedType(x.elementType) }
            throw OperatorError("ConvTranspose's inputs must all have input 0's type, \(x.elementType)")
        }
        return [.tensor(Tensor(checked: resultShape, result))]
    }

    /// The output's size and the pads cropped from the full scatter, per ONNX's equations: the full size is
    /// `stride · (input − 1) + output_padding + (kernel − 1) · dilation + 1`; a negative pad extends it.
    private func resolve(input: [Int], weights: [Int]) throws(OperatorError) -> NeuralNetworkWindow {
        let rank = input.count
        let kernel = try window.kernel(rank: rank, weights: weights)
        let strides = try window.strides(rank: rank)
        let dilations = try window.dilations(rank: rank)
        let explicit = try window.explicitPads(rank: rank)
        let adjustments = outputPadding ?? [Int](repeating: 0, count: rank)
        guard adjustments.count == rank else {
            throw OperatorError(
                "output_padding \(adjustments) has \(adjustments.count) entries; the input has \(rank) spatial axes")
        }
        var requested = outputShape
        if let shape = outputShape, shape.count == rank + 2 { requested = Array(shape.dropFirst(2)) }
        if let requested, requested.count != rank {
            throw OperatorError(
                "output_shape \(requested) has \(requested.count) entries; the input has \(rank) spatial axes")
        }
        var padsBegin = [Int](repeating: 0, count: rank)
        var padsEnd = [Int](repeating: 0, count: rank)
        var output = [Int](repeating: 0, count: rank)
        for axis in 0..<rank {
            let full = strides[axis] * (input[axis] - 1) + adjustments[axis] + (kernel[axis] - 1) * dilations[axis] + 1
            let target: Int?
            if let requested {
                target = requested[axis]
            } else if window.autoPad == .sameUpper || window.autoPad == .sameLower {
                target = input[axis] * strides[axis]
            } else {
                target = nil
            }
            if let target {
                let total = full - target
                let half = NeuralNetworkMath.floorDivide(total, 2)
                padsBegin[axis] = window.autoPad == .sameUpper ? half : total - half
                padsEnd[axis] = total - padsBegin[axis]
                output[axis] = target
            } else if window.autoPad == .valid {
                output[axis] = full
            } else {
                padsBegin[axis] = explicit[axis]
                padsEnd[axis] = explicit[rank + axis]
                output[axis] = full - padsBegin[axis] - padsEnd[axis]
            }
            guard output[axis] >= 0, input[axis] >= 1 || output[axis] == 0 else {
                throw OperatorError(
                    "spatial axis \(axis) would have \(output[axis]) outputs; its pads crop more than "
                        + "ConvTranspose makes")
            }
        }
        return NeuralNetworkWindow(
            input: input, kernel: kernel, strides: strides, dilations: dilations, padsBegin: padsBegin,
            padsEnd: padsEnd, output: output)
    }

    private static func transpose<T: NeuralNetworkScalar>(_ shape: ConvolutionShape, _ x: [T], _ w: [T], _ bias: [T]?)
        -> [T]
    {
        let window = shape.window
        let inputSize = window.input.reduce(1, *)
        let outputSize = window.output.reduce(1, *)
        let channelsPerGroup = shape.inputChannels / shape.group
        let outputsPerGroup = shape.outputChannels / shape.group
        let rows = outputsPerGroup * window.kernel.reduce(1, *)
        var y = [T](repeating: 0, count: shape.batch * shape.outputChannels * outputSize)
        var columns = [T](repeating: 0, count: rows * inputSize)
        x.withUnsafeBufferPointer { x in
            w.withUnsafeBufferPointer { w in
                y.withUnsafeMutableBufferPointer { y in
                    columns.withUnsafeMutableBufferPointer { columns in
                        guard let x = x.baseAddress, let w = w.baseAddress, let y = y.baseAddress,
                            let columns = columns.baseAddress
                        else { return }
                        for image in 0..<shape.batch {
                            for group in 0..<shape.group {
                                T.multiply(
                                    transposeA: true, m: rows, n: inputSize, k: channelsPerGroup,
                                    w + group * channelsPerGroup * rows, lda: rows,
                                    x + (image * shape.inputChannels + group * channelsPerGroup) * inputSize,
                                    ldb: inputSize, beta: 0, columns, ldc: inputSize)
                                let planes = y + (image * shape.outputChannels + group * outputsPerGroup) * outputSize
                                scatter(window, columns, channels: outputsPerGroup, into: planes)
                            }
                        }
                    }
                }
            }
        }
        if let bias {
            for plane in 0..<shape.batch * shape.outputChannels {
                let value = bias[plane % shape.outputChannels]
                for index in plane * outputSize..<(plane + 1) * outputSize { y[index] += value }
            }
        }
        return y
    }

    /// col2im: adds row `(c, kz, ky, kx)` of `columns`, one value per input position, to output plane `c` at
    /// the positions that kernel element reaches.
    private static func scatter<T: NeuralNetworkScalar>(
        _ window: NeuralNetworkWindow, _ columns: UnsafePointer<T>, channels: Int, into y: UnsafeMutablePointer<T>
    ) {
        let (inputDepth, inputHeight, inputWidth) = (window.input[0], window.input[1], window.input[2])
        let (outputHeight, outputWidth) = (window.output[1], window.output[2])
        let inputSize = inputDepth * inputHeight * inputWidth
        let outputSize = window.output[0] * outputHeight * outputWidth
        let strideX = window.strides[2]
        var row = columns
        for channel in 0..<channels {
            let plane = y + channel * outputSize
            for kz in 0..<window.kernel[0] {
                let zRange = window.validInputs(axis: 0, offset: kz * window.dilations[0])
                for ky in 0..<window.kernel[1] {
                    let yRange = window.validInputs(axis: 1, offset: ky * window.dilations[1])
                    for kx in 0..<window.kernel[2] {
                        let xOffset = kx * window.dilations[2]
                        let xRange = window.validInputs(axis: 2, offset: xOffset)
                        let firstX = xRange.lowerBound * strideX - window.padsBegin[2] + xOffset
                        for iz in zRange {
                            let oz = iz * window.strides[0] - window.padsBegin[0] + kz * window.dilations[0]
                            for iy in yRange {
                                let oy = iy * window.strides[1] - window.padsBegin[1] + ky * window.dilations[1]
                                let source = row + (iz * inputHeight + iy) * inputWidth + xRange.lowerBound
                                let target = plane + (oz * outputHeight + oy) * outputWidth + firstX
                                for index in 0..<xRange.count { target[index * strideX] += source[index] }
                            }
                        }
                        row += inputSize
                    }
                }
            }
        }
    }
}

extension NeuralNetworkWindow {
    /// For a transposed window: the range of inputs along `axis` whose output position
    /// `i · stride − padBegin + offset` falls inside the output.
    func validInputs(axis: Int, offset: Int) -> Range<Int> {
        let shift = offset - padsBegin[axis]
        let stride = strides[axis]
        let low = max(0, NeuralNetworkMath.ceilDivide(-shift, stride))
        let high = min(input[axis], NeuralNetworkMath.floorDivide(output[axis] - 1 - shift, stride) + 1)
        return low..<max(low, high)
    }
}
