/// ScatterElements (and its older name, Scatter): a copy of input 0 with input 2's elements written (or, by
/// `reduction`, added, multiplied, maxed or mined) where input 1's indices point along `axis`.
struct ScatterElementsOperator: ShapeGroupOperator {
    let axis: Int
    let reduction: ShapeScatterReduction

    init(_ spec: NodeSpec) throws(OperatorError) {
        axis = try spec.attributes.int("axis", default: 0)
        reduction = try ShapeScatterReduction(spec)
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let data = try inputs.tensor(0)
        let indices = try inputs.tensor(1)
        let updates = try inputs.tensor(2)
        guard updates.shape == indices.shape else {
            throw OperatorError("input 2 (updates) has shape \(updates.shape); it must match indices' \(indices.shape)")
        }
        let axis = try ShapeSupport.axis(self.axis, rank: data.rank)
        let positions = try ShapeScatterSupport.elementPositions(
            dataShape: data.shape, indicesShape: indices.shape, axis: axis,
            indices: ShapeSupport.integers(indices, input: 1))
        return [.tensor(try reduction.scatter(updates, into: data, at: positions))]
    }
}

/// ScatterND: a copy of input 0 with the slices of input 2 written (or combined by `reduction`) at the
/// coordinate tuples along input 1's last axis.
struct ScatterNDOperator: ShapeGroupOperator {
    let reduction: ShapeScatterReduction

    init(_ spec: NodeSpec) throws(OperatorError) {
        reduction = try ShapeScatterReduction(spec)
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let data = try inputs.tensor(0)
        let indices = try inputs.tensor(1)
        let updates = try inputs.tensor(2)
        let layout = try ShapeNDLayout(
            dataShape: data.shape, indicesShape: indices.shape, batchDims: 0,
            indices: ShapeSupport.integers(indices, input: 1))
        let expected = Array(indices.shape.dropLast()) + layout.sliceShape
        guard updates.shape == expected else {
            throw OperatorError("input 2 (updates) has shape \(updates.shape); ScatterND needs \(expected)")
        }
        var positions: [Int] = []
        positions.reserveCapacity(updates.count)
        for offset in layout.sliceOffsets {
            for index in 0..<layout.sliceSize { positions.append(offset + index) }
        }
        return [.tensor(try reduction.scatter(updates, into: data, at: positions))]
    }
}

/// How a scatter combines an update with the element already there.
enum ShapeScatterReduction: String {
    case none, add, mul, max, min

    init(_ spec: NodeSpec) throws(OperatorError) {
        let name = try spec.attributes.string("reduction", default: "none")
        guard let reduction = ShapeScatterReduction(rawValue: name) else {
            throw OperatorError("\(spec.opType)'s reduction '\(name)' is not none, add, mul, max or min")
        }
        self = reduction
    }

    /// `data` with `updates`' elements combined in at `positions` (one per update, in range).
    func scatter(_ updates: Tensor, into data: Tensor, at positions: [Int]) throws(OperatorError) -> Tensor {
        guard updates.elementType == data.elementType else {
            throw OperatorError("input 2 (updates) is \(updates.elementType) but input 0 is \(data.elementType)")
        }
        let result: TensorData
        if self == .none {
            result = try data.data.shapeVisit(ShapeScatterReplace(updates: updates.data, positions: positions))
        } else {
            let combine = ShapeScatterCombine(updates: updates.data, positions: positions, reduction: self)
            result = try data.data.shapeVisitNumeric(combine, input: 0)
        }
        return Tensor(checked: data.shape, result)
    }
}

/// The visited elements with `updates` written over them at `positions`.
struct ShapeScatterReplace: ShapeElementVisitor {
    let updates: TensorData
    let positions: [Int]

    func visit<Element: TensorElement & Equatable>(_ values: [Element]) throws(OperatorError) -> TensorData {
        guard let updates = Element.unwrap(updates) else { throw OperatorError("updates differ in type") }
        var result = values
        for (update, position) in zip(updates, positions) { result[position] = update }
        return Element.wrap(result)
    }
}

/// The visited numbers with `updates` combined into them at `positions`.
struct ShapeScatterCombine: ShapeNumericVisitor {
    let updates: TensorData
    let positions: [Int]
    let reduction: ShapeScatterReduction

    func visit<Element: ShapeNumber>(_ values: [Element]) throws(OperatorError) -> TensorData {
        guard let updates = Element.unwrap(updates) else { throw OperatorError("updates differ in type") }
        var result = values
        for (update, position) in zip(updates, positions) {
            let old = result[position]
            switch reduction {
            case .none: result[position] = update
            case .add: result[position] = Element.shapeAdd(old, update)
            case .mul: result[position] = Element.shapeMultiply(old, update)
            case .max: result[position] = Swift.max(old, update)
            case .min: result[position] = Swift.min(old, update)
            }
        }
        return Element.wrap(result)
    }
}

/// Index arithmetic the element-wise gather and scatter share.
enum ShapeScatterSupport {
    /// For each element of an indices tensor, the position in data it names: its own coordinates, but along
    /// `axis` the index it holds (negative counts from the end).
    static func elementPositions(
        dataShape: [Int], indicesShape: [Int], axis: Int, indices: [Int]
    ) throws(OperatorError) -> [Int] {
        guard indicesShape.count == dataShape.count,
            zip(indicesShape, dataShape).enumerated().allSatisfy({ $0.offset == axis || $0.element.0 <= $0.element.1 })
        else {
            throw OperatorError(
                "indices of shape \(indicesShape) do not fit data of shape \(dataShape) off axis \(axis)")
        }
        let dataStrides = ShapeSupport.strides(dataShape)
        let indexStrides = ShapeSupport.strides(indicesShape)
        let length = dataShape[axis]
        var positions = [Int](repeating: 0, count: indices.count)
        for flat in indices.indices {
            var index = indices[flat]
            guard index >= -length, index < length else {
                throw OperatorError("index \(index) is out of range for axis \(axis) of size \(length)")
            }
            if index < 0 { index += length }
            var rest = flat
            var position = 0
            for dimension in indicesShape.indices {
                let coordinate = rest / indexStrides[dimension]
                rest %= indexStrides[dimension]
                position += (dimension == axis ? index : coordinate) * dataStrides[dimension]
            }
            positions[flat] = position
        }
        return positions
    }
}

/// Where GatherND and ScatterND's coordinate tuples point: input 1's last axis holds tuples of coordinates
/// into data's axes after `batchDims`; each names a slice of the remaining axes.
struct ShapeNDLayout {
    /// The shape of one slice, and its element count.
    let sliceShape: [Int]
    let sliceSize: Int
    /// The data offset of each tuple's slice, in the order of the tuples.
    let sliceOffsets: [Int]

    init(dataShape: [Int], indicesShape: [Int], batchDims: Int, indices: [Int]) throws(OperatorError) {
        guard let depth = indicesShape.last, batchDims < indicesShape.count,
            batchDims + depth <= dataShape.count,
            Array(indicesShape.prefix(batchDims)) == Array(dataShape.prefix(batchDims))
        else {
            throw OperatorError(
                "indices of shape \(indicesShape) do not index data of shape \(dataShape) after \(batchDims) batch axes"
            )
        }
        let rank = dataShape.count
        sliceShape = Array(dataShape[(batchDims + depth)...])
        sliceSize = try ShapeSupport.product(dataShape, (batchDims + depth)..<rank)
        let strides = ShapeSupport.strides(dataShape)
        let batchCount = try ShapeSupport.product(dataShape, 0..<batchDims)
        let batchStride = batchDims > 0 ? strides[batchDims - 1] : 0
        let tuples =
            depth > 0 ? indices.count / depth : try ShapeSupport.product(indicesShape, 0..<(indicesShape.count - 1))
        let perBatch = batchCount > 0 ? tuples / batchCount : 0
        var offsets = [Int](repeating: 0, count: tuples)
        for tuple in 0..<tuples {
            var offset = perBatch > 0 ? (tuple / perBatch) * batchStride : 0
            for component in 0..<depth {
                let axis = batchDims + component
                var index = indices[tuple * depth + component]
                guard index >= -dataShape[axis], index < dataShape[axis] else {
                    throw OperatorError("index \(index) is out of range for axis \(axis) of size \(dataShape[axis])")
                }
                if index < 0 { index += dataShape[axis] }
                offset += index * strides[axis]
            }
            offsets[tuple] = offset
        }
        sliceOffsets = offsets
    }
}
