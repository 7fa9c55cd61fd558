/// Gather: the slices of input 0 along `axis` at the (int32 or int64, possibly negative) indices of input 1.
struct GatherOperator: ShapeGroupOperator {
    let axis: Int

    init(_ spec: NodeSpec) throws(OperatorError) {
        axis = try spec.attributes.int("axis", default: 0)
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let data = try inputs.tensor(0)
        let indicesTensor = try inputs.tensor(1)
        let axis = try ShapeSupport.axis(self.axis, rank: data.rank)
        let length = data.shape[axis]
        let indices = try ShapeGatherSupport.normalized(
            ShapeSupport.integers(indicesTensor, input: 1), length: length, axis: axis)
        let shape = Array(data.shape[..<axis]) + indicesTensor.shape + Array(data.shape[(axis + 1)...])
        return [.tensor(try ShapeGatherSupport.select(data, axis: axis, indices: indices, shape: shape))]
    }
}

/// Compress: the slices of input 0 along `axis` where input 1 (a bool vector) is true; without an axis, the
/// elements of the flattened input.
struct CompressOperator: ShapeGroupOperator {
    let axis: Int?

    init(_ spec: NodeSpec) throws(OperatorError) {
        axis = try spec.attributes.int("axis")
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        var data = try inputs.tensor(0)
        guard case .bool(let condition) = try inputs.tensor(1).data else {
            throw OperatorError("input 1 (condition) must be a bool tensor")
        }
        if axis == nil { data = data.shapeReshaped([data.count]) }
        let axis = try ShapeSupport.axis(self.axis ?? 0, rank: data.rank)
        let length = data.shape[axis]
        var selected: [Int] = []
        for (index, keep) in condition.enumerated() where keep {
            guard index < length else {
                throw OperatorError(
                    "condition selects index \(index) of axis \(axis), which has only \(length) entries")
            }
            selected.append(index)
        }
        var shape = data.shape
        shape[axis] = selected.count
        return [.tensor(try ShapeGatherSupport.select(data, axis: axis, indices: selected, shape: shape))]
    }
}

/// What Gather and Compress share.
enum ShapeGatherSupport {
    /// `indices` with negative ones counted from the end of an axis of `length`; throws for one out of range.
    static func normalized(_ indices: [Int], length: Int, axis: Int) throws(OperatorError) -> [Int] {
        var result = indices
        for position in result.indices {
            let index = result[position]
            guard index >= -length, index < length else {
                throw OperatorError("index \(index) is out of range for axis \(axis) of size \(length)")
            }
            if index < 0 { result[position] = index + length }
        }
        return result
    }

    /// The slices of `data` along `axis` at `indices` (in range), given the output's `shape`.
    static func select(_ data: Tensor, axis: Int, indices: [Int], shape: [Int]) throws(OperatorError) -> Tensor {
        if try ShapeSupport.count(shape) == 0 { return Tensor(checked: shape, data.data.picking([])) }
        let outer = try ShapeSupport.product(data.shape, 0..<axis)
        let inner = try ShapeSupport.product(data.shape, (axis + 1)..<data.rank)
        let length = data.shape[axis]
        let tables = [
            (0..<outer).map { $0 * length * inner },
            indices.map { $0 * inner },
            Array(0..<inner),
        ]
        return try ShapeGather.run(data, tables: tables).shapeReshaped(shape)
    }
}

/// GatherElements: for each element of input 1 (indices of input 0's rank), input 0's element at the same
/// coordinates except along `axis`, where the index says.
struct GatherElementsOperator: ShapeGroupOperator {
    let axis: Int

    init(_ spec: NodeSpec) throws(OperatorError) {
        axis = try spec.attributes.int("axis", default: 0)
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let data = try inputs.tensor(0)
        let indicesTensor = try inputs.tensor(1)
        let axis = try ShapeSupport.axis(self.axis, rank: data.rank)
        let positions = try ShapeScatterSupport.elementPositions(
            dataShape: data.shape, indicesShape: indicesTensor.shape, axis: axis,
            indices: ShapeSupport.integers(indicesTensor, input: 1))
        return [.tensor(Tensor(checked: indicesTensor.shape, data.data.picking(positions)))]
    }
}

/// GatherND: slices of input 0 at the coordinate tuples along input 1's last axis, after `batch_dims` leading
/// axes the two share.
struct GatherNDOperator: ShapeGroupOperator {
    let batchDims: Int

    init(_ spec: NodeSpec) throws(OperatorError) {
        batchDims = try spec.attributes.int("batch_dims", default: 0)
        guard batchDims >= 0 else { throw OperatorError("GatherND's batch_dims \(batchDims) is negative") }
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let data = try inputs.tensor(0)
        let indicesTensor = try inputs.tensor(1)
        let layout = try ShapeNDLayout(
            dataShape: data.shape, indicesShape: indicesTensor.shape, batchDims: batchDims,
            indices: ShapeSupport.integers(indicesTensor, input: 1))
        let shape = Array(indicesTensor.shape.dropLast()) + layout.sliceShape
        if try ShapeSupport.count(shape) == 0 { return [.tensor(Tensor(checked: shape, data.data.picking([])))] }
        let tables = [layout.sliceOffsets, Array(0..<layout.sliceSize)]
        return [.tensor(try ShapeGather.run(data, tables: tables).shapeReshaped(shape))]
    }
}
