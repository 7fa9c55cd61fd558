/// NumPy-style (multidirectional) broadcasting, as ONNX's elementwise operators use it.
enum Broadcasting {
    /// The shape two shapes broadcast to, or nil when a pair of dimensions differ and neither is 1.
    static func shape(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for axis in 0..<rank {
            let x = axis - (rank - a.count) >= 0 ? a[axis - (rank - a.count)] : 1
            let y = axis - (rank - b.count) >= 0 ? b[axis - (rank - b.count)] : 1
            if x == y || y == 1 {
                result[axis] = x
            } else if x == 1 {
                result[axis] = y
            } else {
                return nil
            }
        }
        return result
    }

    /// The shape several shapes broadcast to, or nil when they do not.
    static func shape(_ shapes: [[Int]]) -> [Int]? {
        var result: [Int] = []
        for shape in shapes {
            guard let next = Broadcasting.shape(result, shape) else { return nil }
            result = next
        }
        return result
    }

    /// For each element of a tensor of `outputShape`, the index of the element of a tensor of `shape`
    /// (which broadcasts to it) it reads.
    static func sourceIndices(of shape: [Int], in outputShape: [Int]) -> [Int] {
        let count = outputShape.reduce(1, *)
        if shape == outputShape { return Array(0..<count) }
        let rank = outputShape.count
        let padded = [Int](repeating: 1, count: rank - shape.count) + shape
        var strides = [Int](repeating: 0, count: rank)
        var step = 1
        for axis in (0..<rank).reversed() {
            strides[axis] = padded[axis] == 1 ? 0 : step
            step *= padded[axis]
        }
        var indices = [Int](repeating: 0, count: count)
        var position = [Int](repeating: 0, count: rank)
        var source = 0
        for index in 0..<count {
            indices[index] = source
            var axis = rank - 1
            while axis >= 0 {
                position[axis] += 1
                source += strides[axis]
                if position[axis] < outputShape[axis] { break }
                source -= strides[axis] * position[axis]
                position[axis] = 0
                axis -= 1
            }
        }
        return indices
    }
}
