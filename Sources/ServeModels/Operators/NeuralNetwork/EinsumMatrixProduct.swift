extension EinsumLayout {
    /// Two operands whose labels each appear once per operand, at their full size, and either in the other
    /// operand or in the output: a batched matrix product. The batch is the labels of both and the output;
    /// the rows the first's own output labels, the columns the second's, the inner dimension the shared
    /// labels the output drops. Nil when the operands are not such a pair.
    func matrixProduct<T: NeuralNetworkScalar>(_ values: [[T]]) throws(OperatorError) -> [T]? {
        guard operands.count == 2 else { return nil }
        let (a, b) = (operands[0], operands[1])
        for (labels, shape) in zip(operands, shapes) {
            guard Set(labels).count == labels.count else { return nil }
            for (label, size) in zip(labels, shape) where sizes[label] != size { return nil }
        }
        guard a.allSatisfy({ b.contains($0) || output.contains($0) }),
            b.allSatisfy({ a.contains($0) || output.contains($0) })
        else { return nil }
        let batch = output.filter { a.contains($0) && b.contains($0) }
        let rows = output.filter { a.contains($0) && !b.contains($0) }
        let columns = output.filter { b.contains($0) && !a.contains($0) }
        let inner = a.filter { b.contains($0) && !output.contains($0) }
        let size = { (labels: [Int]) in labels.reduce(1) { $0 * (sizes[$1] ?? 1) } }
        let (batchCount, m, n, k) = (size(batch), size(rows), size(columns), size(inner))
        try NeuralNetworkBLAS.check(m, n, k)
        let left = Self.permuted(values[0], labels: a, to: batch + rows + inner, sizes: sizes)
        let right = Self.permuted(values[1], labels: b, to: batch + inner + columns, sizes: sizes)
        var result = [T](repeating: 0, count: batchCount * m * n)
        left.withUnsafeBufferPointer { left in
            right.withUnsafeBufferPointer { right in
                result.withUnsafeMutableBufferPointer { result in
                    guard let left = left.baseAddress, let right = right.baseAddress, let result = result.baseAddress
                    else { return }
                    for index in 0..<batchCount {
                        T.multiply(
                            m: m, n: n, k: k, left + index * m * k, lda: k, right + index * k * n, ldb: n, beta: 0,
                            result + index * m * n, ldc: n)
                    }
                }
            }
        }
        return Self.permuted(result, labels: batch + rows + columns, to: output, sizes: sizes)
    }

    /// `values`, laid out by `labels`, rearranged to `order` (the same labels).
    static func permuted<T>(_ values: [T], labels: [Int], to order: [Int], sizes: [Int: Int]) -> [T] {
        if labels == order { return values }
        var strides: [Int: Int] = [:]
        var stride = 1
        for label in labels.reversed() {
            strides[label] = stride
            stride *= sizes[label] ?? 1
        }
        var offsets = [0]
        for label in order {
            let (size, step) = (sizes[label] ?? 1, strides[label] ?? 0)
            var next: [Int] = []
            next.reserveCapacity(offsets.count * size)
            for base in offsets {
                for index in 0..<size { next.append(base + index * step) }
            }
            offsets = next
        }
        return offsets.map { values[$0] }
    }
}
