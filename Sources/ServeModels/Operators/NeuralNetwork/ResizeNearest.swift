extension ResizePlan {
    /// Nearest neighbour, for any element type: the input elements the outputs read, gathered.
    func nearest(_ data: TensorData, _ extrapolationValue: Double) throws(OperatorError) -> TensorData {
        let rank = axes.count
        guard rank > 0 else { return data }
        // Per axis and output position, the offset of the input element it reads along that axis.
        var offsets = [[Int]](repeating: [], count: rank)
        var stride = 1
        for axis in (0..<rank).reversed() {
            let plan = axes[axis]
            offsets[axis] = (0..<plan.outputSize).map { plan.indices[$0 * plan.taps] * stride }
            stride *= plan.inputSize
        }
        var result = data.picking(Self.sums(offsets))
        guard axes.contains(where: { $0.extrapolated.contains(true) }) else { return result }
        // tf_crop_and_resize: an output outside the crop along any axis takes the extrapolation value.
        let outside = Self.sums(axes.map { axis in axis.extrapolated.map { $0 ? 1 : 0 } })
        switch result {
        case .float(var values):
            for index in values.indices where outside[index] > 0 { values[index] = Float(extrapolationValue) }
            result = .float(values)
        case .double(var values):
            for index in values.indices where outside[index] > 0 { values[index] = extrapolationValue }
            result = .double(values)
        default:
            throw OperatorError("tf_crop_and_resize extrapolates only float and double tensors")
        }
        return result
    }

    /// For every combination of one position per axis (the last axis fastest), the sum of the axes' values
    /// at those positions.
    static func sums(_ values: [[Int]]) -> [Int] {
        let counts = values.map(\.count)
        let total = counts.reduce(1, *)
        var result = [Int](repeating: 0, count: total)
        guard total > 0, let last = values.last else { return result }
        var position = [Int](repeating: 0, count: values.count - 1)
        var base = values.dropLast().reduce(0) { $0 + $1[0] }
        result.withUnsafeMutableBufferPointer { result in
            for row in 0..<total / last.count {
                let start = row * last.count
                for column in 0..<last.count { result[start + column] = base + last[column] }
                var axis = values.count - 2
                while axis >= 0 {
                    base -= values[axis][position[axis]]
                    position[axis] += 1
                    if position[axis] < counts[axis] {
                        base += values[axis][position[axis]]
                        break
                    }
                    position[axis] = 0
                    base += values[axis][0]
                    axis -= 1
                }
            }
        }
        return result
    }
}
