/// The pools' loops over three spatial axes (rank 1 and 2 inputs are lifted). Each output's window is, along
/// every axis, an arithmetic run of input positions (step: the dilation), clipped to the input; the plan
/// works each run out once per call. Values sweep kernel position by kernel position over rows of outputs;
/// MaxPool's indices walk window by window.
struct PoolingPlan {
    /// How MaxPool's indices count through a plane (`storage_order` 0 or 1).
    enum IndexOrder { case rowMajor, columnMajor }

    let window: NeuralNetworkWindow
    /// How many `N × C` planes the input holds.
    let planes: Int
    /// Per axis, per output position: the first input position the window reads, how many it reads inside
    /// the input, and how many it would read inside the input and its padding.
    private let first: [[Int]]
    private let inside: [[Int]]
    private let withPadding: [[Int]]

    init(window: NeuralNetworkWindow, planes: Int) {
        self.window = window
        self.planes = planes
        var first: [[Int]] = []
        var inside: [[Int]] = []
        var withPadding: [[Int]] = []
        for axis in 0..<3 {
            let (size, kernel, dilation) = (window.input[axis], window.kernel[axis], window.dilations[axis])
            var axisFirst: [Int] = []
            var axisInside: [Int] = []
            var axisWithPadding: [Int] = []
            for output in 0..<window.output[axis] {
                let start = output * window.strides[axis] - window.padsBegin[axis]
                let skipped = start < 0 ? NeuralNetworkMath.ceilDivide(-start, dilation) : 0
                let end = min(kernel, max(0, NeuralNetworkMath.ceilDivide(size - start, dilation)))
                axisFirst.append(start + skipped * dilation)
                axisInside.append(max(0, end - skipped))
                let paddedSize = size + window.padsEnd[axis]
                axisWithPadding.append(min(kernel, max(0, NeuralNetworkMath.ceilDivide(paddedSize - start, dilation))))
            }
            first.append(axisFirst)
            inside.append(axisInside)
            withPadding.append(axisWithPadding)
        }
        self.first = first
        self.inside = inside
        self.withPadding = withPadding
    }

    /// Calls `body` with each output's index in its plane, the input offset of its window's first element in
    /// the plane and the window's run (element count) along each axis.
    @inline(__always)
    private func forEachWindow(
        _ body: (_ output: Int, _ origin: Int, _ zRun: Int, _ yRun: Int, _ xRun: Int) -> Void
    ) {
        let (height, width) = (window.input[1], window.input[2])
        var output = 0
        for oz in 0..<window.output[0] {
            for oy in 0..<window.output[1] {
                for ox in 0..<window.output[2] {
                    let origin = (first[0][oz] * height + first[1][oy]) * width + first[2][ox]
                    body(output, origin, inside[0][oz], inside[1][oy], inside[2][ox])
                    output += 1
                }
            }
        }
    }

    /// Each window's maximum (`lowest` for a window wholly in the padding), and with `order` its flat index in
    /// the input.
    func maximum<T: Comparable & TensorElement>(_ x: [T], lowest: T, indices order: IndexOrder?) -> (
        values: [T], indices: [Int64]?
    ) {
        guard let order else {
            return (sweep(x, initial: lowest, combine: { $0 = Swift.max($0, $1) }, finish: { _, _ in }), nil)
        }
        let (depth, height, width) = (window.input[0], window.input[1], window.input[2])
        let inputSize = depth * height * width
        let outputSize = window.output.reduce(1, *)
        let (stepZ, stepY, stepX) = (
            window.dilations[0] * height * width, window.dilations[1] * width, window.dilations[2]
        )
        var values = [T](repeating: lowest, count: planes * outputSize)
        var indices = [Int64](repeating: 0, count: planes * outputSize)
        x.withUnsafeBufferPointer { x in
            values.withUnsafeMutableBufferPointer { values in
                for plane in 0..<planes {
                    let input = plane * inputSize
                    forEachWindow { output, origin, zRun, yRun, xRun in
                        var best = lowest
                        var bestOffset = -1
                        for z in 0..<zRun {
                            for y in 0..<yRun {
                                var offset = origin + z * stepZ + y * stepY
                                for _ in 0..<xRun {
                                    let value = x[input + offset]
                                    if value > best || bestOffset < 0 {
                                        best = value
                                        bestOffset = offset
                                    }
                                    offset += stepX
                                }
                            }
                        }
                        values[plane * outputSize + output] = best
                        if bestOffset >= 0 {
                            indices[plane * outputSize + output] = Int64(
                                input + index(of: bestOffset, in: order, depth: depth, height: height, width: width))
                        }
                    }
                }
            }
        }
        return (values, indices)
    }

    /// An offset in a `depth × height × width` plane, in row-major or column-major order.
    private func index(of offset: Int, in order: IndexOrder, depth: Int, height: Int, width: Int) -> Int {
        guard order == .columnMajor else { return offset }
        let (z, y, x) = (offset / (height * width), offset / width % height, offset % width)
        return z + y * depth + x * depth * height
    }

    func average<T: NeuralNetworkScalar>(_ x: [T], _ countIncludePad: Bool) -> [T] {
        let counts = countIncludePad ? withPadding : inside
        return sweep(x, initial: 0, combine: { $0 += $1 }) { plane, _ in
            var output = 0
            for oz in 0..<window.output[0] {
                for oy in 0..<window.output[1] {
                    let rowCount = counts[0][oz] * counts[1][oy]
                    for ox in 0..<window.output[2] {
                        plane[output] /= T(rowCount * counts[2][ox])
                        output += 1
                    }
                }
            }
        }
    }

    func lpNorm<T: NeuralNetworkScalar>(_ x: [T], p: T) -> [T] {
        let outputSize = window.output.reduce(1, *)
        if p == 1 { return sweep(x, initial: 0, combine: { $0 += abs($1) }, finish: { _, _ in }) }
        if p == 2 {
            return sweep(x, initial: 0, combine: { $0 += $1 * $1 }) { plane, _ in
                for output in 0..<outputSize { plane[output] = plane[output].squareRoot() }
            }
        }
        return sweep(x, initial: 0, combine: { $0 += T.power(abs($1), p) }) { plane, _ in
            for output in 0..<outputSize { plane[output] = T.power(plane[output], 1 / p) }
        }
    }

    /// For each plane: every output starts at `initial`; then, kernel position by kernel position, each output
    /// whose window reads an input element there takes it in with `combine` (the loop over a row of outputs
    /// is contiguous, without branches); `finish` then sees the plane's outputs.
    @inline(__always)
    private func sweep<T>(
        _ x: [T], initial: T, combine: (inout T, T) -> Void,
        finish: (UnsafeMutablePointer<T>, Int) -> Void
    ) -> [T] {
        let (inputHeight, inputWidth) = (window.input[1], window.input[2])
        let (outputHeight, outputWidth) = (window.output[1], window.output[2])
        let inputSize = window.input[0] * inputHeight * inputWidth
        let outputSize = window.output[0] * outputHeight * outputWidth
        let strideX = window.strides[2]
        var y = [T](repeating: initial, count: planes * outputSize)
        x.withUnsafeBufferPointer { x in
            y.withUnsafeMutableBufferPointer { y in
                guard let x = x.baseAddress, let y = y.baseAddress else { return }
                for plane in 0..<planes {
                    let input = x + plane * inputSize
                    let output = y + plane * outputSize
                    for kz in 0..<window.kernel[0] {
                        let zOffset = kz * window.dilations[0]
                        let zRange = window.validOutputs(axis: 0, offset: zOffset)
                        for ky in 0..<window.kernel[1] {
                            let yOffset = ky * window.dilations[1]
                            let yRange = window.validOutputs(axis: 1, offset: yOffset)
                            for kx in 0..<window.kernel[2] {
                                let xOffset = kx * window.dilations[2]
                                let xRange = window.validOutputs(axis: 2, offset: xOffset)
                                if xRange.isEmpty { continue }
                                let firstX = xRange.lowerBound * strideX - window.padsBegin[2] + xOffset
                                for oz in zRange {
                                    let iz = oz * window.strides[0] - window.padsBegin[0] + zOffset
                                    for oy in yRange {
                                        let iy = oy * window.strides[1] - window.padsBegin[1] + yOffset
                                        var source = input + (iz * inputHeight + iy) * inputWidth + firstX
                                        let target = output + (oz * outputHeight + oy) * outputWidth + xRange.lowerBound
                                        if strideX == 1 {
                                            for index in 0..<xRange.count { combine(&target[index], source[index]) }
                                        } else {
                                            for index in 0..<xRange.count {
                                                combine(&target[index], source.pointee)
                                                source += strideX
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    finish(output, plane)
                }
            }
        }
        return y
    }
}
