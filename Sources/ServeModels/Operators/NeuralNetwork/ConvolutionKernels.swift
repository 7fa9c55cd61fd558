/// Conv's two loops over three spatial axes (inputs of rank 1 or 2 are lifted): a direct one for depthwise
/// convolutions, and im2col followed by one matrix product per group and image for the rest.
enum ConvolutionKernels {
    /// Each group has one input channel: every output plane is a sum of shifted, scaled copies of it.
    static func depthwise<T: NeuralNetworkScalar>(
        _ shape: ConvolutionShape, _ x: UnsafePointer<T>, _ w: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>
    ) {
        let window = shape.window
        let (inputDepth, inputHeight, inputWidth) = (window.input[0], window.input[1], window.input[2])
        let (outputHeight, outputWidth) = (window.output[1], window.output[2])
        let (kernelDepth, kernelHeight, kernelWidth) = (window.kernel[0], window.kernel[1], window.kernel[2])
        let inputSize = inputDepth * inputHeight * inputWidth
        let outputSize = window.output[0] * outputHeight * outputWidth
        let kernelSize = kernelDepth * kernelHeight * kernelWidth
        let outputsPerGroup = shape.outputChannels / shape.group
        let strideX = window.strides[2]
        for image in 0..<shape.batch {
            for channel in 0..<shape.outputChannels {
                let input = x + (image * shape.inputChannels + channel / outputsPerGroup) * inputSize
                let output = y + (image * shape.outputChannels + channel) * outputSize
                for kz in 0..<kernelDepth {
                    let zOffset = kz * window.dilations[0]
                    let zRange = window.validOutputs(axis: 0, offset: zOffset)
                    for ky in 0..<kernelHeight {
                        let yOffset = ky * window.dilations[1]
                        let yRange = window.validOutputs(axis: 1, offset: yOffset)
                        for kx in 0..<kernelWidth {
                            let xOffset = kx * window.dilations[2]
                            let xRange = window.validOutputs(axis: 2, offset: xOffset)
                            if xRange.isEmpty { continue }
                            let weight = w[channel * kernelSize + (kz * kernelHeight + ky) * kernelWidth + kx]
                            let firstX = xRange.lowerBound * strideX - window.padsBegin[2] + xOffset
                            for oz in zRange {
                                let iz = oz * window.strides[0] - window.padsBegin[0] + zOffset
                                for oy in yRange {
                                    let iy = oy * window.strides[1] - window.padsBegin[1] + yOffset
                                    let source = input + (iz * inputHeight + iy) * inputWidth + firstX
                                    let target = output + (oz * outputHeight + oy) * outputWidth + xRange.lowerBound
                                    if strideX == 1 {
                                        for index in 0..<xRange.count { target[index] += weight * source[index] }
                                    } else {
                                        for index in 0..<xRange.count {
                                            target[index] += weight * source[index * strideX]
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// im2col: for each group and image, the input patches laid out as a `C/group · k` × `outputs` matrix,
    /// multiplied by the group's `M/group` × `C/group · k` weights. `accumulate` adds to `y` (the bias).
    static func lowered<T: NeuralNetworkScalar>(
        _ shape: ConvolutionShape, _ x: UnsafePointer<T>, _ w: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>,
        accumulate: Bool
    ) {
        let window = shape.window
        let inputSize = window.input.reduce(1, *)
        let outputSize = window.output.reduce(1, *)
        let kernelSize = window.kernel.reduce(1, *)
        let channelsPerGroup = shape.inputChannels / shape.group
        let outputsPerGroup = shape.outputChannels / shape.group
        let rows = channelsPerGroup * kernelSize
        // A 1 × 1 kernel with unit strides and no padding reads the input as it is.
        let direct =
            kernelSize == 1 && window.strides == [1, 1, 1] && window.padsBegin == [0, 0, 0]
            && window.input == window.output
        var columns = [T](repeating: 0, count: direct ? 0 : rows * outputSize)
        columns.withUnsafeMutableBufferPointer { columns in
            for image in 0..<shape.batch {
                for group in 0..<shape.group {
                    let input = x + (image * shape.inputChannels + group * channelsPerGroup) * inputSize
                    var matrix = UnsafePointer(input)
                    if !direct, let buffer = columns.baseAddress {
                        gather(window, input, channels: channelsPerGroup, into: buffer)
                        matrix = UnsafePointer(buffer)
                    }
                    T.multiply(
                        m: outputsPerGroup, n: outputSize, k: rows, w + group * outputsPerGroup * rows, lda: rows,
                        matrix, ldb: outputSize, beta: accumulate ? 1 : 0,
                        y + (image * shape.outputChannels + group * outputsPerGroup) * outputSize, ldc: outputSize)
                }
            }
        }
    }

    /// Writes `channels` input planes' patches: row `(c, kz, ky, kx)` holds, for every output position, the
    /// input element that kernel position reads (0 in the padding).
    private static func gather<T: NeuralNetworkScalar>(
        _ window: NeuralNetworkWindow, _ input: UnsafePointer<T>, channels: Int, into columns: UnsafeMutablePointer<T>
    ) {
        let (inputHeight, inputWidth) = (window.input[1], window.input[2])
        let (outputDepth, outputHeight, outputWidth) = (window.output[0], window.output[1], window.output[2])
        let inputSize = window.input[0] * inputHeight * inputWidth
        let outputSize = outputDepth * outputHeight * outputWidth
        let strideX = window.strides[2]
        var row = columns
        for channel in 0..<channels {
            let plane = input + channel * inputSize
            for kz in 0..<window.kernel[0] {
                let zOffset = kz * window.dilations[0]
                let zRange = window.validOutputs(axis: 0, offset: zOffset)
                for ky in 0..<window.kernel[1] {
                    let yOffset = ky * window.dilations[1]
                    let yRange = window.validOutputs(axis: 1, offset: yOffset)
                    for kx in 0..<window.kernel[2] {
                        let xOffset = kx * window.dilations[2]
                        let xRange = window.validOutputs(axis: 2, offset: xOffset)
                        let firstX = xRange.lowerBound * strideX - window.padsBegin[2] + xOffset
                        for oz in 0..<outputDepth {
                            let target = row + oz * outputHeight * outputWidth
                            guard zRange.contains(oz) else {
                                target.update(repeating: 0, count: outputHeight * outputWidth)
                                continue
                            }
                            let iz = oz * window.strides[0] - window.padsBegin[0] + zOffset
                            for oy in 0..<outputHeight {
                                let line = target + oy * outputWidth
                                guard yRange.contains(oy) else {
                                    line.update(repeating: 0, count: outputWidth)
                                    continue
                                }
                                let iy = oy * window.strides[1] - window.padsBegin[1] + yOffset
                                let source = plane + (iz * inputHeight + iy) * inputWidth + firstX
                                line.update(repeating: 0, count: xRange.lowerBound)
                                if strideX == 1 {
                                    (line + xRange.lowerBound).update(from: source, count: xRange.count)
                                } else {
                                    for index in 0..<xRange.count {
                                        line[xRange.lowerBound + index] = source[index * strideX]
                                    }
                                }
                                (line + xRange.upperBound).update(repeating: 0, count: outputWidth - xRange.upperBound)
                            }
                        }
                        row += outputSize
                    }
                }
            }
        }
    }
}
