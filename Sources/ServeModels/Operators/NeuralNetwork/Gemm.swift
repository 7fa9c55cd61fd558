/// Gemm: `alpha · A' · B' + beta · C`, where A' and B' are the matrices A and B, transposed when `transA` /
/// `transB` say so, and C (optional from opset 11) broadcasts to the result's shape.
struct GemmOperator: Operator {
    let transposeA: Bool
    let transposeB: Bool
    let alpha: Float
    let beta: Float

    static func make(_ spec: NodeSpec) throws(OperatorError) -> any Operator {
        NeuralNetworkBLAS.prepare()
        // Before opset 7, C matched the result's shape unless the `broadcast` attribute was set; broadcasting
        // always runs every valid model of those versions too.
        return GemmOperator(
            transposeA: try spec.attributes.int("transA", default: 0) != 0,
            transposeB: try spec.attributes.int("transB", default: 0) != 0,
            alpha: try spec.attributes.float("alpha", default: 1),
            beta: try spec.attributes.float("beta", default: 1))
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let a = try inputs.tensor(0)
        let b = try inputs.tensor(1)
        let c = try inputs.optionalTensor(2)
        guard a.rank == 2 else { throw OperatorError("input 0 has shape \(a.shape); Gemm needs a matrix") }
        guard b.rank == 2 else { throw OperatorError("input 1 has shape \(b.shape); Gemm needs a matrix") }
        let (m, k) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
        let (bRows, n) = transposeB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
        guard bRows == k else {
            throw OperatorError(
                "input 1 has shape \(b.shape); Gemm needs a matrix whose \(transposeB ? "second" : "first") "
                    + "dimension is \(k), as input 0 (shape \(a.shape)\(transposeA ? ", transposed" : "")) has")
        }
        if let c, Broadcasting.shape(c.shape, [m, n]) != [m, n] {
            throw OperatorError("input 2 has shape \(c.shape), which does not broadcast to the result's [\(m), \(n)]")
        }
        guard Tensor.elementCount([m, n]) != nil else {
            throw OperatorError("Gemm's result of shape [\(m), \(n)] is too large")
        }
        try NeuralNetworkBLAS.check(m, n, k)
        let result: TensorData
        switch (a.data, b.data, c?.data) {
        case (.float(let a), .float(let b), .none):
            result = .float(product(a, b, nil, nil, m: m, n: n, k: k))
        case (.float(let a), .float(let b), .float(let c)?):
            result = .float(product(a, b, c, inputs[2]?.tensor?.shape, m: m, n: n, k: k))
        case (.double(let a), .double(let b), .none):
            result = .double(product(a, b, nil, nil, m: m, n: n, k: k))
        case (.double(let a), .double(let b), .double(let c)?):
            result = .double(product(a, b, c, inputs[2]?.tensor?.shape, m: m, n: n, k: k))
        default:
            if a.elementType != .float && a.elementType != .double { throw .unsupportedType(a.elementType) }
            throw OperatorError("Gemm's inputs must all have input 0's type, \(a.elementType)")
        }
        return [.tensor(Tensor(checked: [m, n], result))]
    }

    private func product<T: NeuralNetworkScalar>(
        _ a: [T], _ b: [T], _ c: [T]?, _ cShape: [Int]?, m: Int, n: Int, k: Int
    ) -> [T] {
        let beta = T(self.beta)
        var y: [T]
        if let c, let cShape, beta != 0 {
            y = fillingWithBias(c, cShape, m: m, n: n, beta: beta)
        } else {
            y = [T](repeating: 0, count: m * n)
        }
        let hasBias = c != nil && beta != 0
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                y.withUnsafeMutableBufferPointer { y in
                    guard let a = a.baseAddress, let b = b.baseAddress, let y = y.baseAddress else { return }
                    T.multiply(
                        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: T(alpha),
                        a, lda: transposeA ? m : k, b, ldb: transposeB ? k : n, beta: hasBias ? 1 : 0, y, ldc: n)
                }
            }
        }
        return y
    }

    /// `beta · C` broadcast to `m`×`n`.
    private func fillingWithBias<T: NeuralNetworkScalar>(
        _ c: [T], _ cShape: [Int], m: Int, n: Int, beta: T
    ) -> [T] {
        let padded = [Int](repeating: 1, count: max(0, 2 - cShape.count)) + cShape
        var y = [T](repeating: 0, count: m * n)
        let rowStride = padded[0] == 1 ? 0 : padded[1]
        let columnStride = padded[1] == 1 ? 0 : 1
        for row in 0..<m {
            for column in 0..<n { y[row * n + column] = beta * c[row * rowStride + column * columnStride] }
        }
        return y
    }
}
