/// MatMul: NumPy's `matmul`, matrix products over the last two dimensions with the leading (batch)
/// dimensions broadcast; a 1-D first operand is a row, a 1-D second operand a column, and that dimension is
/// dropped from the result. Floats go through OpenBLAS, integers through a plain loop (wrapping on overflow).
struct MatMulOperator: Operator {
    static func make(_ spec: NodeSpec) throws(OperatorError) -> any Operator {
        NeuralNetworkBLAS.prepare()
        return MatMulOperator()
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let a = try inputs.tensor(0)
        let b = try inputs.tensor(1)
        let layout = try MatMulLayout(a.shape, b.shape)
        let result: TensorData
        switch (a.data, b.data) {
        case (.float(let x), .float(let y)): result = .float(try layout.multiplyFloats(x, y))
        case (.double(let x), .double(let y)): result = .double(try layout.multiplyFloats(x, y))
        case (.int64(let x), .int64(let y)): result = .int64(layout.multiplyIntegers(x, y))
        case (.int32(let x), .int32(let y)): result = .int32(layout.multiplyIntegers(x, y))
        case (.uint64(let x), .uint64(let y)): result = .uint64(layout.multiplyIntegers(x, y))
        case (.uint32(let x), .uint32(let y)): result = .uint32(layout.multiplyIntegers(x, y))
        case (.int16(let x), .int16(let y)): result = .int16(layout.multiplyIntegers(x, y))
        case (.uint16(let x), .uint16(let y)): result = .uint16(layout.multiplyIntegers(x, y))
        case (.int8(let x), .int8(let y)): result = .int8(layout.multiplyIntegers(x, y))
        case (.uint8(let x), .uint8(let y)): result = .uint8(layout.multiplyIntegers(x, y))
        default:
            if a.elementType != b.elementType {
                throw OperatorError("input 0 is a \(a.elementType) tensor and input 1 a \(b.elementType) one")
            }
            throw .unsupportedType(a.elementType)
        }
        return [.tensor(Tensor(checked: layout.outputShape, result))]
    }
}

/// How MatMul's operands line up: the matrices' sizes, the broadcast batch and where each batch's matrices
/// start in the operands.
struct MatMulLayout {
    let m: Int
    let k: Int
    let n: Int
    let outputShape: [Int]
    /// The number of matrix products.
    let batchCount: Int
    /// For each product, the index of the first operand's matrix and of the second's.
    let aBatches: [Int]
    let bBatches: [Int]

    init(_ aShape: [Int], _ bShape: [Int]) throws(OperatorError) {
        guard !aShape.isEmpty, !bShape.isEmpty else {
            throw OperatorError("MatMul needs operands of rank 1 or more; they have shapes \(aShape) and \(bShape)")
        }
        let a = aShape.count == 1 ? [1] + aShape : aShape
        let b = bShape.count == 1 ? bShape + [1] : bShape
        m = a[a.count - 2]
        k = a[a.count - 1]
        n = b[b.count - 1]
        guard b[b.count - 2] == k else {
            throw OperatorError(
                "input 0 has shape \(aShape) and input 1 has shape \(bShape); MatMul needs the first's last "
                    + "dimension (\(k)) to equal the second's \(bShape.count == 1 ? "only" : "second-to-last") one")
        }
        let aBatch = Array(a.dropLast(2))
        let bBatch = Array(b.dropLast(2))
        guard let batch = Broadcasting.shape(aBatch, bBatch) else {
            throw OperatorError(
                "input 0 has shape \(aShape) and input 1 has shape \(bShape), whose batch dimensions "
                    + "\(aBatch) and \(bBatch) do not broadcast")
        }
        var shape = batch
        if aShape.count > 1 { shape.append(m) }
        if bShape.count > 1 { shape.append(n) }
        guard let batchCount = Tensor.elementCount(batch), Tensor.elementCount(shape) != nil,
            Tensor.elementCount(batch + [m, n]) != nil
        else { throw OperatorError("MatMul's result of shape \(shape) is too large") }
        outputShape = shape
        self.batchCount = batchCount
        aBatches = Broadcasting.sourceIndices(of: aBatch, in: batch)
        bBatches = Broadcasting.sourceIndices(of: bBatch, in: batch)
    }

    func multiplyFloats<T: NeuralNetworkScalar>(_ a: [T], _ b: [T]) throws(OperatorError) -> [T] {
        var c = [T](repeating: 0, count: batchCount * m * n)
        // Every product reads the same second matrix and the first operand's matrices follow one another:
        // one tall product does them all (a batched linear layer).
        let stacked = batchCount > 1 && bBatches.allSatisfy { $0 == 0 } && aBatches == Array(0..<batchCount)
        try NeuralNetworkBLAS.check(stacked ? batchCount * m : m, n, k)
        let (m, n, k) = (m, n, k)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    guard let a = a.baseAddress, let b = b.baseAddress, let c = c.baseAddress else { return }
                    if stacked {
                        T.multiply(m: batchCount * m, n: n, k: k, a, lda: k, b, ldb: n, beta: 0, c, ldc: n)
                        return
                    }
                    for batch in 0..<batchCount {
                        T.multiply(
                            m: m, n: n, k: k, a + aBatches[batch] * m * k, lda: k, b + bBatches[batch] * k * n,
                            ldb: n, beta: 0, c + batch * m * n, ldc: n)
                    }
                }
            }
        }
        return c
    }

    func multiplyIntegers<T: FixedWidthInteger>(_ a: [T], _ b: [T]) -> [T] {
        var c = [T](repeating: 0, count: batchCount * m * n)
        let (m, n, k) = (m, n, k)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    for batch in 0..<batchCount {
                        let aStart = aBatches[batch] * m * k
                        let bStart = bBatches[batch] * k * n
                        let cStart = batch * m * n
                        for row in 0..<m {
                            for inner in 0..<k {
                                let x = a[aStart + row * k + inner]
                                if x == 0 { continue }
                                let bRow = bStart + inner * n
                                let cRow = cStart + row * n
                                for column in 0..<n { c[cRow + column] &+= x &* b[bRow + column] }
                            }
                        }
                    }
                }
            }
        }
        return c
    }
}
