internal import Serve

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The clothing classifier's network: two 3 × 3 convolutions (16 and 32 channels, each followed by ReLU
/// and 2 × 2 max pooling), a dense layer of 64 with ReLU, and 10 outputs (softmax). About 106,000 weights.
///
/// Every layer is a matrix product (``MatrixMultiply``): a convolution multiplies the image's 3 × 3
/// patches laid out as rows ("im2col") by its weights. Layouts, row-major with channels last:
/// - `conv1`: weights `[9 taps][16 out]`, bias `[16]`
/// - `conv2`: weights `[9 taps][16 in][32 out]`, bias `[32]`
/// - `dense`: weights `[1568 in][64 out]`, bias `[64]`; the 1568 inputs are the pooled `[7][7][32]`
/// - `output`: weights `[64 in][10 out]`, bias `[10]`
enum ConvNet {
    static let side = 28
    static let classes = 10
    static let pixels = side * side

    /// Each tensor's name and shape, in the order of the flat weight vector (the artifact's header).
    static let tensors: [(name: String, shape: [Int])] = [
        ("conv1.weight", [9, 16]), ("conv1.bias", [16]),
        ("conv2.weight", [9, 16, 32]), ("conv2.bias", [32]),
        ("dense.weight", [1568, 64]), ("dense.bias", [64]),
        ("output.weight", [64, 10]), ("output.bias", [10]),
    ]
    static let offsets: [Int] = tensors.reduce(into: [0]) { $0.append($0.last! + $1.shape.reduce(1, *)) }
    static let weightCount = offsets.last!

    static let denseW = offsets[4], denseB = offsets[5], outputW = offsets[6], outputB = offsets[7]

    /// A 3 × 3 convolution (zero padding) of a `side × side × inputs` map into `outputs` channels, then ReLU
    /// and 2 × 2 max pooling; `weights` (`[9 taps][inputs][outputs]`) and `bias` are offsets in the weights.
    struct Convolution {
        let side, inputs, outputs, weights, bias: Int
        var pixels: Int { side * side }
        var patchSize: Int { 9 * inputs }
        var pooledSize: Int { pixels / 4 * outputs }
    }
    // Literals, not stored globals: inlined into the passes, their sizes are constants the compiler unrolls
    // and vectorises for (stored, each use was a lazy global's check and the network ran a sixth slower).
    // A test checks them against `offsets`.
    static var conv1: Convolution { Convolution(side: 28, inputs: 1, outputs: 16, weights: 0, bias: 144) }
    static var conv2: Convolution { Convolution(side: 14, inputs: 16, outputs: 32, weights: 160, bias: 4768) }

    /// He-initialised weights (normal, variance 2 / fan-in), zero biases, from `random`.
    static func initialWeights(random: inout SeededRandom) -> [Float] {
        var weights = [Float](repeating: 0, count: weightCount)
        let fanIns = [9, 0, 144, 0, 1568, 0, 64, 0]
        for (index, fanIn) in fanIns.enumerated() where fanIn > 0 {
            let scale = (2 / Float(fanIn)).squareRoot()
            for position in offsets[index]..<offsets[index + 1] { weights[position] = random.normal() * scale }
        }
        return weights
    }

    /// The forward pass of `count` normalised 28 × 28 images at `inputs` (one after another); each image's
    /// ten probabilities are left in `space.probabilities`.
    static func forward(
        _ inputs: UnsafePointer<Float>, count: Int, weights: UnsafePointer<Float>, space: Workspace
    ) {
        precondition(count <= space.capacity, "more images than the workspace holds")
        for sample in 0..<count {
            convolve(
                conv1, inputs + sample * pixels, weights: weights, patches: space.col1, output: space.conv1,
                pooled: space.pool1 + sample * conv1.pooledSize, from: space.pool1From + sample * conv1.pooledSize)
            convolve(
                conv2, space.pool1 + sample * conv1.pooledSize, weights: weights, patches: space.col2,
                output: space.conv2, pooled: space.pool2 + sample * conv2.pooledSize,
                from: space.pool2From + sample * conv2.pooledSize)
        }
        // dense → ReLU, all images at once
        fill(space.hidden, rows: count, with: weights + denseB, width: 64)
        MatrixMultiply.addProduct(
            m: count, n: 64, inner: 1568, a: space.pool2, aRow: 1568, aColumn: 1, b: weights + denseW, bRow: 64,
            c: space.hidden, cRow: 64)
        for index in 0..<(count * 64) where space.hidden[index] < 0 { space.hidden[index] = 0 }
        // output → softmax
        for sample in 0..<count {
            let hidden = space.hidden + sample * 64, probabilities = space.probabilities + sample * 10
            var largest = -Float.infinity
            for out in 0..<10 {
                var sum = weights[outputB + out]
                for index in 0..<64 { sum += hidden[index] * weights[outputW + index * 10 + out] }
                probabilities[out] = sum
                largest = max(largest, sum)
            }
            var total: Float = 0
            for out in 0..<10 {
                probabilities[out] = expf(probabilities[out] - largest)
                total += probabilities[out]
            }
            for out in 0..<10 { probabilities[out] /= total }
        }
    }

    /// The transposed weights the backward pass multiplies by, made once per batch and shared by the threads.
    static func transposedWeights(_ weights: UnsafePointer<Float>) -> [Float] {
        var transposed = [Float](repeating: 0, count: 32 * 144 + 64 * 1568)
        for row in 0..<144 {
            for column in 0..<32 { transposed[column * 144 + row] = weights[conv2.weights + row * 32 + column] }
        }
        for row in 0..<1568 {
            for column in 0..<64 { transposed[4608 + column * 1568 + row] = weights[denseW + row * 64 + column] }
        }
        return transposed
    }

    /// Adds the cross-entropy gradient of the images of the last ``forward`` (with their `labels`) to
    /// `gradient`. `transposed` comes from ``transposedWeights(_:)``.
    static func backward(
        _ inputs: UnsafePointer<Float>, labels: [Int], weights: UnsafePointer<Float>,
        transposed: UnsafePointer<Float>, space: Workspace, gradient: UnsafeMutablePointer<Float>
    ) {
        let count = labels.count
        // output and the dense layer's ReLU
        for sample in 0..<count {
            let hidden = space.hidden + sample * 64, dHidden = space.dHidden + sample * 64
            let probabilities = space.probabilities + sample * 10
            var dLogits = [Float](repeating: 0, count: 10)
            for out in 0..<10 { dLogits[out] = probabilities[out] - (out == labels[sample] ? 1 : 0) }
            for out in 0..<10 { gradient[outputB + out] += dLogits[out] }
            for index in 0..<64 {
                var back: Float = 0
                for out in 0..<10 {
                    gradient[outputW + index * 10 + out] += hidden[index] * dLogits[out]
                    back += weights[outputW + index * 10 + out] * dLogits[out]
                }
                dHidden[index] = hidden[index] > 0 ? back : 0
                gradient[denseB + index] += dHidden[index]
            }
        }
        // dense: weights, and the gradient of the pooled maps
        MatrixMultiply.addProduct(
            m: 1568, n: 64, inner: count, a: space.pool2, aRow: 1, aColumn: 1568, b: space.dHidden, bRow: 64,
            c: gradient + denseW, cRow: 64)
        space.dPool2.update(repeating: 0, count: count * 1568)
        MatrixMultiply.addProduct(
            m: count, n: 1568, inner: 64, a: space.dHidden, aRow: 64, aColumn: 1, b: transposed + 4608, bRow: 1568,
            c: space.dPool2, cRow: 1568)
        for sample in 0..<count {
            let pool1 = space.pool1 + sample * conv1.pooledSize, pool2 = space.pool2 + sample * conv2.pooledSize
            // pool2 and conv2's ReLU (a pooled zero was a ReLU that was off), then conv2
            unpool(
                space.dPool2 + sample * conv2.pooledSize, values: pool2,
                from: space.pool2From + sample * conv2.pooledSize,
                count: conv2.pooledSize, into: space.dConv2, size: conv2.pixels * conv2.outputs)
            addGradients(conv2, input: pool1, dOutput: space.dConv2, patches: space.col2, gradient: gradient)
            space.dCol2.update(repeating: 0, count: conv2.pixels * conv2.patchSize)
            MatrixMultiply.addProduct(
                m: conv2.pixels, n: conv2.patchSize, inner: conv2.outputs, a: space.dConv2, aRow: conv2.outputs,
                aColumn: 1, b: transposed, bRow: conv2.patchSize, c: space.dCol2, cRow: conv2.patchSize)
            scatterPatches(space.dCol2, conv2, into: space.dPool1)
            // pool1 and conv1's ReLU, then conv1 (whose input needs no gradient)
            unpool(
                space.dPool1, values: pool1, from: space.pool1From + sample * conv1.pooledSize,
                count: conv1.pooledSize, into: space.dConv1, size: conv1.pixels * conv1.outputs)
            addGradients(
                conv1, input: inputs + sample * pixels, dOutput: space.dConv1, patches: space.col1, gradient: gradient)
        }
    }

    /// One convolution with its ReLU and pooling: `input` → `output` (before pooling) → `pooled`, with each
    /// maximum's position in `from`.
    @inline(__always)
    private static func convolve(
        _ layer: Convolution, _ input: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        patches: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>,
        pooled: UnsafeMutablePointer<Float>, from: UnsafeMutablePointer<Int32>
    ) {
        gatherPatches(input, layer, into: patches)
        fill(output, rows: layer.pixels, with: weights + layer.bias, width: layer.outputs)
        MatrixMultiply.addProduct(
            m: layer.pixels, n: layer.outputs, inner: layer.patchSize, a: patches, aRow: layer.patchSize, aColumn: 1,
            b: weights + layer.weights, bRow: layer.outputs, c: output, cRow: layer.outputs)
        maxPool(output, side: layer.side, channels: layer.outputs, into: pooled, from: from)
    }

    /// Adds a convolution's weight and bias gradients, given its `input` and the gradient of its output
    /// before pooling.
    @inline(__always)
    private static func addGradients(
        _ layer: Convolution, input: UnsafePointer<Float>, dOutput: UnsafePointer<Float>,
        patches: UnsafeMutablePointer<Float>, gradient: UnsafeMutablePointer<Float>
    ) {
        addColumnSums(dOutput, rows: layer.pixels, width: layer.outputs, to: gradient + layer.bias)
        gatherPatches(input, layer, into: patches)
        MatrixMultiply.addProduct(
            m: layer.patchSize, n: layer.outputs, inner: layer.pixels, a: patches, aRow: 1, aColumn: layer.patchSize,
            b: dOutput, bRow: layer.outputs, c: gradient + layer.weights, cRow: layer.outputs)
    }

    /// Each pixel's 3 × 3 neighbourhood of the layer's input map (zeros outside), one row per pixel:
    /// `[pixels][9 taps][inputs]`.
    @inline(__always)
    private static func gatherPatches(
        _ map: UnsafePointer<Float>, _ layer: Convolution, into patches: UnsafeMutablePointer<Float>
    ) {
        let side = layer.side, channels = layer.inputs
        for y in 0..<side {
            for x in 0..<side {
                let row = patches + (y * side + x) * layer.patchSize
                for ky in 0..<3 {
                    for kx in 0..<3 {
                        let sourceY = y + ky - 1, sourceX = x + kx - 1
                        let tap = row + (ky * 3 + kx) * channels
                        let inside = sourceY >= 0 && sourceY < side && sourceX >= 0 && sourceX < side
                        // One channel (the image) is one value; more are copied as a block. A loop over the
                        // channels instead cost a tenth of the network's speed.
                        if channels == 1 {
                            tap.pointee = inside ? map[sourceY * side + sourceX] : 0
                        } else if inside {
                            tap.update(from: map + (sourceY * side + sourceX) * channels, count: channels)
                        } else {
                            tap.update(repeating: 0, count: channels)
                        }
                    }
                }
            }
        }
    }

    /// The reverse of ``gatherPatches(_:_:into:)``: adds each patch's gradient back onto the input map.
    @inline(__always)
    private static func scatterPatches(
        _ patches: UnsafePointer<Float>, _ layer: Convolution, into map: UnsafeMutablePointer<Float>
    ) {
        let side = layer.side, channels = layer.inputs
        map.update(repeating: 0, count: layer.pixels * channels)
        for y in 0..<side {
            for x in 0..<side {
                let row = patches + (y * side + x) * layer.patchSize
                for ky in 0..<3 {
                    for kx in 0..<3 {
                        let sourceY = y + ky - 1, sourceX = x + kx - 1
                        guard sourceY >= 0 && sourceY < side && sourceX >= 0 && sourceX < side else { continue }
                        let target = map + (sourceY * side + sourceX) * channels, tap = row + (ky * 3 + kx) * channels
                        for channel in 0..<channels { target[channel] += tap[channel] }
                    }
                }
            }
        }
    }

    /// Sets every row of a `rows × width` matrix to `bias`.
    private static func fill(
        _ matrix: UnsafeMutablePointer<Float>, rows: Int, with bias: UnsafePointer<Float>, width: Int
    ) {
        for row in 0..<rows { (matrix + row * width).update(from: bias, count: width) }
    }

    private static func addColumnSums(
        _ matrix: UnsafePointer<Float>, rows: Int, width: Int, to sums: UnsafeMutablePointer<Float>
    ) {
        for row in 0..<rows { for column in 0..<width { sums[column] += matrix[row * width + column] } }
    }

    /// ReLU then 2 × 2 max pooling of a `side × side × channels` map; `from` records each maximum's position.
    private static func maxPool(
        _ input: UnsafeMutablePointer<Float>, side: Int, channels: Int, into output: UnsafeMutablePointer<Float>,
        from: UnsafeMutablePointer<Int32>
    ) {
        let half = side / 2
        for y in 0..<half {
            for x in 0..<half {
                for channel in 0..<channels {
                    let topLeft = (2 * y * side + 2 * x) * channels + channel
                    var best = topLeft
                    let right = topLeft + channels, below = topLeft + side * channels, diagonal = below + channels
                    if input[right] > input[best] { best = right }
                    if input[below] > input[best] { best = below }
                    if input[diagonal] > input[best] { best = diagonal }
                    output[(y * half + x) * channels + channel] = max(0, input[best])
                    from[(y * half + x) * channels + channel] = Int32(best)
                }
            }
        }
    }

    /// Routes a pooled map's gradient back to the positions its maxima came from; where the pooled value
    /// was zero, the ReLU was off and nothing flows back.
    private static func unpool(
        _ gradient: UnsafePointer<Float>, values: UnsafePointer<Float>, from: UnsafePointer<Int32>, count: Int,
        into output: UnsafeMutablePointer<Float>, size: Int
    ) {
        output.update(repeating: 0, count: size)
        for index in 0..<count where values[index] > 0 { output[Int(from[index])] = gradient[index] }
    }

    /// Buffers for up to `capacity` images at a time, reused from batch to batch (one per thread).
    final class Workspace {
        let capacity: Int
        let col1: UnsafeMutablePointer<Float>, conv1: UnsafeMutablePointer<Float>
        let col2: UnsafeMutablePointer<Float>, conv2: UnsafeMutablePointer<Float>
        let pool1: UnsafeMutablePointer<Float>, pool1From: UnsafeMutablePointer<Int32>
        let pool2: UnsafeMutablePointer<Float>, pool2From: UnsafeMutablePointer<Int32>
        let hidden: UnsafeMutablePointer<Float>, probabilities: UnsafeMutablePointer<Float>
        // The backward pass's.
        let dHidden: UnsafeMutablePointer<Float>, dPool2: UnsafeMutablePointer<Float>
        let dConv2: UnsafeMutablePointer<Float>, dCol2: UnsafeMutablePointer<Float>
        let dPool1: UnsafeMutablePointer<Float>, dConv1: UnsafeMutablePointer<Float>

        /// Room for `capacity` images; the backward pass's buffers only when `training`.
        init(capacity: Int, training: Bool = true) {
            func floats(_ count: Int) -> UnsafeMutablePointer<Float> {
                let pointer = UnsafeMutablePointer<Float>.allocate(capacity: count)
                pointer.initialize(repeating: 0, count: count)
                return pointer
            }
            self.capacity = capacity
            col1 = floats(784 * 9)
            conv1 = floats(784 * 16)
            col2 = floats(196 * 144)
            conv2 = floats(196 * 32)
            pool1 = floats(capacity * 3136)
            pool1From = .allocate(capacity: capacity * 3136)
            pool2 = floats(capacity * 1568)
            pool2From = .allocate(capacity: capacity * 1568)
            hidden = floats(capacity * 64)
            probabilities = floats(capacity * 10)
            let backward = training ? 1 : 0
            dHidden = floats(backward * capacity * 64)
            dPool2 = floats(backward * capacity * 1568)
            dConv2 = floats(backward * 196 * 32)
            dCol2 = floats(backward * 196 * 144)
            dPool1 = floats(backward * 3136)
            dConv1 = floats(backward * 784 * 16)
        }

        deinit {
            for pointer in [
                col1, conv1, col2, conv2, pool1, pool2, hidden, probabilities, dHidden, dPool2, dConv2, dCol2, dPool1,
                dConv1,
            ] {
                pointer.deallocate()
            }
            pool1From.deallocate()
            pool2From.deallocate()
        }
    }
}
