/// OneHot: for each index of input 0, a vector of `depth` (input 1) elements along `axis` that are all
/// `values[0]` (input 2's off value) but `values[1]` (the on value) at the index. Negative indices count from
/// the end; indices outside -depth ..< depth give all off values.
struct OneHotOperator: ShapeGroupOperator {
    let axis: Int

    init(_ spec: NodeSpec) throws(OperatorError) {
        axis = try spec.attributes.int("axis", default: -1)
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let indicesTensor = try inputs.tensor(0)
        let indices = try ShapeSupport.indexValues(indicesTensor, input: 0)
        let depthValues = try ShapeSupport.indexValues(try inputs.tensor(1), input: 1)
        guard depthValues.count == 1, let depth = depthValues.first, depth > 0 else {
            throw OperatorError("input 1 (depth) must be one positive number; it is \(depthValues)")
        }
        let values = try inputs.tensor(2)
        guard values.count == 2 else {
            throw OperatorError("input 2 (values) has shape \(values.shape); it must hold [off, on]")
        }
        let axis = try ShapeSupport.axis(self.axis, rank: indicesTensor.rank + 1)
        let shape = Array(indicesTensor.shape[..<axis]) + [depth] + Array(indicesTensor.shape[axis...])
        let count = try ShapeSupport.count(shape)
        let inner = try ShapeSupport.product(indicesTensor.shape, axis..<indicesTensor.rank)
        // Which of the two values each output element takes: 0 (off) or 1 (on).
        var selector = [Int](repeating: 0, count: count)
        for (position, raw) in indices.enumerated() {
            let index = raw < 0 ? raw + depth : raw
            guard index >= 0, index < depth else { continue }
            let (row, column) = position.quotientAndRemainder(dividingBy: inner)
            selector[(row * depth + index) * inner + column] = 1
        }
        return [.tensor(Tensor(checked: shape, values.data.picking(selector)))]
    }
}
