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

    static let conv1W = offsets[0], conv1B = offsets[1], conv2W = offsets[2], conv2B = offsets[3]
    static let denseW = offsets[4], denseB = offsets[5], outputW = offsets[6], outputB = offsets[7]

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
            // conv1 → ReLU → pool1
            gatherPatches1(inputs + sample * pixels, into: space.col1)
            fill(space.conv1, rows: 784, with: weights + conv1B, width: 16)
            MatrixMultiply.addProduct(
                m: 784, n: 16, inner: 9, a: space.col1, aRow: 9, aColumn: 1, b: weights + conv1W, bRow: 16,
                c: space.conv1, cRow: 16)
            maxPool(
                space.conv1, side: 28, channels: 16, into: space.pool1 + sample * 3136,
                from: space.pool1From + sample * 3136)
            // conv2 → ReLU → pool2
            gatherPatches2(space.pool1 + sample * 3136, into: space.col2)
            fill(space.conv2, rows: 196, with: weights + conv2B, width: 32)
            MatrixMultiply.addProduct(
                m: 196, n: 32, inner: 144, a: space.col2, aRow: 144, aColumn: 1, b: weights + conv2W, bRow: 32,
                c: space.conv2, cRow: 32)
            maxPool(
                space.conv2, side: 14, channels: 32, into: space.pool2 + sample * 1568,
                from: space.pool2From + sample * 1568)
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
            for column in 0..<32 { transposed[column * 144 + row] = weights[conv2W + row * 32 + column] }
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
            // pool2 and conv2's ReLU (a pooled zero was a ReLU that was off), then conv2
            unpool(
                space.dPool2 + sample * 1568, values: space.pool2 + sample * 1568,
                from: space.pool2From + sample * 1568,
                count: 1568, into: space.dConv2, size: 196 * 32)
            addColumnSums(space.dConv2, rows: 196, width: 32, to: gradient + conv2B)
            gatherPatches2(space.pool1 + sample * 3136, into: space.col2)
            MatrixMultiply.addProduct(
                m: 144, n: 32, inner: 196, a: space.col2, aRow: 1, aColumn: 144, b: space.dConv2, bRow: 32,
                c: gradient + conv2W, cRow: 32)
            space.dCol2.update(repeating: 0, count: 196 * 144)
            MatrixMultiply.addProduct(
                m: 196, n: 144, inner: 32, a: space.dConv2, aRow: 32, aColumn: 1, b: transposed, bRow: 144,
                c: space.dCol2, cRow: 144)
            scatterPatches2(space.dCol2, into: space.dPool1)
            // pool1 and conv1's ReLU, then conv1's weights
            unpool(
                space.dPool1, values: space.pool1 + sample * 3136, from: space.pool1From + sample * 3136, count: 3136,
                into: space.dConv1, size: 784 * 16)
            addColumnSums(space.dConv1, rows: 784, width: 16, to: gradient + conv1B)
            gatherPatches1(inputs + sample * pixels, into: space.col1)
            MatrixMultiply.addProduct(
                m: 9, n: 16, inner: 784, a: space.col1, aRow: 1, aColumn: 9, b: space.dConv1, bRow: 16,
                c: gradient + conv1W, cRow: 16)
        }
    }

    /// Each of the 784 pixels' 3 × 3 neighbourhood of the 28 × 28 image (zeros outside): `[784][9]`.
    private static func gatherPatches1(_ image: UnsafePointer<Float>, into patches: UnsafeMutablePointer<Float>) {
        for y in 0..<28 {
            for x in 0..<28 {
                let row = patches + (y * 28 + x) * 9
                for ky in 0..<3 {
                    for kx in 0..<3 {
                        let sourceY = y + ky - 1, sourceX = x + kx - 1
                        let inside = sourceY >= 0 && sourceY < 28 && sourceX >= 0 && sourceX < 28
                        row[ky * 3 + kx] = inside ? image[sourceY * 28 + sourceX] : 0
                    }
                }
            }
        }
    }

    /// Each of the 196 pixels' 3 × 3 neighbourhood of the 14 × 14 × 16 map: `[196][9 × 16]`.
    private static func gatherPatches2(_ map: UnsafePointer<Float>, into patches: UnsafeMutablePointer<Float>) {
        for y in 0..<14 {
            for x in 0..<14 {
                let row = patches + (y * 14 + x) * 144
                for ky in 0..<3 {
                    for kx in 0..<3 {
                        let sourceY = y + ky - 1, sourceX = x + kx - 1
                        let tap = row + (ky * 3 + kx) * 16
                        if sourceY >= 0 && sourceY < 14 && sourceX >= 0 && sourceX < 14 {
                            tap.update(from: map + (sourceY * 14 + sourceX) * 16, count: 16)
                        } else {
                            tap.update(repeating: 0, count: 16)
                        }
                    }
                }
            }
        }
    }

    /// The reverse of ``gatherPatches2``: adds each patch's gradient back onto the 14 × 14 × 16 map.
    private static func scatterPatches2(_ patches: UnsafePointer<Float>, into map: UnsafeMutablePointer<Float>) {
        map.update(repeating: 0, count: 3136)
        for y in 0..<14 {
            for x in 0..<14 {
                let row = patches + (y * 14 + x) * 144
                for ky in 0..<3 {
                    for kx in 0..<3 {
                        let sourceY = y + ky - 1, sourceX = x + kx - 1
                        guard sourceY >= 0 && sourceY < 14 && sourceX >= 0 && sourceX < 14 else { continue }
                        let target = map + (sourceY * 14 + sourceX) * 16, tap = row + (ky * 3 + kx) * 16
                        for channel in 0..<16 { target[channel] += tap[channel] }
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
