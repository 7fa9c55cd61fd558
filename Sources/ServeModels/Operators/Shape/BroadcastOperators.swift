/// Expand: input 0 broadcast (numpy's way, both ways) with the shape input 1 gives.
struct ExpandOperator: ShapeGroupOperator {
    init(_ spec: NodeSpec) throws(OperatorError) {}

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let input = try inputs.tensor(0)
        let requested = try ShapeSupport.integers(try inputs.tensor(1), input: 1)
        guard requested.allSatisfy({ $0 >= 0 }), let shape = Broadcasting.shape(input.shape, requested) else {
            throw OperatorError("input 0 of shape \(input.shape) does not broadcast to shape \(requested)")
        }
        // An empty result is made before any table, which could be long even so.
        if try ShapeSupport.count(shape) == 0 { return [.tensor(Tensor(checked: shape, input.data.picking([])))] }
        if shape == input.shape { return [.tensor(input)] }
        let padded = Array(repeating: 1, count: shape.count - input.rank) + input.shape
        let strides = ShapeSupport.strides(padded)
        let tables = shape.indices.map { axis in
            (0..<shape[axis]).map { padded[axis] == 1 ? 0 : $0 * strides[axis] }
        }
        return [.tensor(try ShapeGather.run(input, tables: tables))]
    }
}

/// Tile: input 0 repeated `repeats[k]` times along each axis k (input 1).
struct TileOperator: ShapeGroupOperator {
    init(_ spec: NodeSpec) throws(OperatorError) {}

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let input = try inputs.tensor(0)
        let repeats = try ShapeSupport.integers(try inputs.tensor(1), input: 1)
        guard repeats.count == input.rank, repeats.allSatisfy({ $0 >= 0 }) else {
            throw OperatorError(
                "repeats \(repeats) must give a non-negative count for each of the \(input.rank) axes of input 0")
        }
        var shape: [Int] = []
        for (dimension, count) in zip(input.shape, repeats) {
            let (product, overflow) = dimension.multipliedReportingOverflow(by: count)
            guard !overflow else { throw OperatorError("tiling input \(input.shape) by \(repeats) is too large") }
            shape.append(product)
        }
        if try ShapeSupport.count(shape) == 0 { return [.tensor(Tensor(checked: shape, input.data.picking([])))] }
        let strides = ShapeSupport.strides(input.shape)
        let tables = shape.indices.map { axis in
            (0..<shape[axis]).map { ($0 % input.shape[axis]) * strides[axis] }
        }
        return [.tensor(try ShapeGather.run(input, tables: tables))]
    }
}
