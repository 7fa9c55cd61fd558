/// An Einsum equation over operands of known shapes: each axis's label, each label's size, and the two ways
/// of computing the result.
struct EinsumLayout {
    /// Each operand's label per axis (`...` expanded).
    let operands: [[Int]]
    let shapes: [[Int]]
    let output: [Int]
    let sizes: [Int: Int]

    var outputShape: [Int] { output.map { sizes[$0] ?? 1 } }

    /// Floats: a batched matrix product when two operands line up as one, else the direct sum.
    func evaluate<T: NeuralNetworkScalar>(_ values: [[T]]) throws(OperatorError) -> [T] {
        if let product = try matrixProduct(values) { return product }
        return try sum(values, multiply: *, add: +)
    }

    /// The direct sum: for each output element, the sum over the other labels of the operands' product.
    /// (Integers pass wrapping arithmetic.)
    func sum<T: ExpressibleByIntegerLiteral>(_ values: [[T]], multiply: (T, T) -> T, add: (T, T) -> T)
        throws(OperatorError) -> [T]
    {
        var contracted: [Int] = []
        for labels in operands {
            for label in labels where !output.contains(label) && !contracted.contains(label) {
                contracted.append(label)
            }
        }
        let outerCount = output.reduce(1) { $0 * (sizes[$1] ?? 1) }
        let innerCount = contracted.reduce(1) { $0 * (sizes[$1] ?? 1) }
        // The equation is checked to keep the whole loop in Int's range; the summed labels' offsets are listed.
        guard innerCount <= 1 << 26 else {
            throw OperatorError("Einsum sums over \(innerCount) combinations per output; Serve takes up to \(1 << 26)")
        }
        let outerOffsets = operands.indices.map { offsets(of: $0, over: output) }
        let innerOffsets = operands.indices.map { offsets(of: $0, over: contracted) }
        var result = [T](repeating: 0, count: outerCount)
        for outer in 0..<outerCount {
            var total: T = 0
            for inner in 0..<innerCount {
                var product: T = 1
                for operand in values.indices {
                    product = multiply(
                        product, values[operand][outerOffsets[operand][outer] + innerOffsets[operand][inner]])
                }
                total = add(total, product)
            }
            result[outer] = total
        }
        return result
    }

    /// For every combination of `labels` (the last fastest), the offset it reaches in operand `operand`: a
    /// label the operand has twice steps along both axes (a diagonal); one it lacks, or has with size 1, not
    /// at all.
    private func offsets(of operand: Int, over labels: [Int]) -> [Int] {
        let shape = shapes[operand]
        var axisStride = 1
        var strides: [Int: Int] = [:]
        for axis in shape.indices.reversed() {
            if shape[axis] != 1 { strides[operands[operand][axis], default: 0] += axisStride }
            axisStride *= shape[axis]
        }
        var result = [0]
        for label in labels {
            let (size, stride) = (sizes[label] ?? 1, strides[label] ?? 0)
            var next: [Int] = []
            next.reserveCapacity(result.count * size)
            for base in result {
                for step in 0..<size { next.append(base + step * stride) }
            }
            result = next
        }
        return result
    }
}
