/// Concat: the inputs joined along `axis`; they must agree on every other dimension and on element type.
struct ConcatOperator: ShapeGroupOperator {
    let axis: Int

    init(_ spec: NodeSpec) throws(OperatorError) {
        guard let axis = try spec.attributes.int("axis") ?? (spec.opset < 4 ? 1 : nil) else {
            throw OperatorError("Concat needs the axis attribute")
        }
        self.axis = axis
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        guard !inputs.isEmpty else { throw OperatorError("Concat needs at least one input") }
        var tensors: [Tensor] = []
        for index in inputs.indices { tensors.append(try inputs.tensor(index)) }
        let first = tensors[0]
        let axis = try ShapeSupport.axis(self.axis, rank: first.rank)
        var shape = first.shape
        shape[axis] = 0
        for (index, tensor) in tensors.enumerated() {
            guard tensor.elementType == first.elementType else {
                throw OperatorError("input \(index) is \(tensor.elementType) but input 0 is \(first.elementType)")
            }
            var others = tensor.shape
            if others.count == first.rank { others[axis] = 0 }
            var expected = first.shape
            expected[axis] = 0
            guard others == expected else {
                throw OperatorError(
                    "input \(index) has shape \(tensor.shape), which does not match input 0's \(first.shape) "
                        + "off axis \(axis)")
            }
            let (total, overflow) = shape[axis].addingReportingOverflow(tensor.shape[axis])
            guard !overflow else { throw OperatorError("the joined axis \(axis) would be too long") }
            shape[axis] = total
        }
        if try ShapeSupport.count(shape) == 0 { return [.tensor(Tensor(checked: shape, first.data.picking([])))] }
        let outer = try ShapeSupport.product(first.shape, 0..<axis)
        let inner = try ShapeSupport.product(first.shape, (axis + 1)..<first.rank)
        let blocks = tensors.map { $0.shape[axis] * inner }
        let data = try first.data.shapeVisit(ShapeConcat(parts: tensors.map(\.data), blocks: blocks, outer: outer))
        return [.tensor(Tensor(checked: shape, data))]
    }
}

/// Interleaves `parts`: for each of `outer` rows, `blocks[i]` elements of each part in turn.
struct ShapeConcat: ShapeElementVisitor {
    let parts: [TensorData]
    let blocks: [Int]
    let outer: Int

    func visit<Element: TensorElement & Equatable>(_ values: [Element]) throws(OperatorError) -> TensorData {
        var arrays: [[Element]] = []
        for part in parts {
            guard let array = Element.unwrap(part) else { throw OperatorError("Concat's inputs differ in type") }
            arrays.append(array)
        }
        var result: [Element] = []
        result.reserveCapacity(blocks.reduce(0, +) * outer)
        for row in 0..<outer {
            for (array, block) in zip(arrays, blocks) where block > 0 {
                result.append(contentsOf: array[(row * block)..<((row + 1) * block)])
            }
        }
        return Element.wrap(result)
    }
}

/// Split: input 0 cut along `axis` into the node's outputs, of the sizes `split` gives (an attribute before
/// opset 13, input 1 from then on), or into `num_outputs` (opset 18) or as many equal parts.
struct SplitOperator: ShapeGroupOperator {
    let axis: Int
    let splitAttribute: [Int]?
    let parts: Int

    init(_ spec: NodeSpec) throws(OperatorError) {
        axis = try spec.attributes.int("axis", default: 0)
        splitAttribute = spec.opset < 13 ? try spec.attributes.ints("split") : nil
        let numOutputs = spec.opset >= 18 ? try spec.attributes.int("num_outputs") : nil
        parts = numOutputs ?? spec.outputCount
        guard parts > 0 else { throw OperatorError("Split needs at least one output") }
        if let numOutputs, numOutputs != spec.outputCount {
            throw OperatorError("Split's num_outputs is \(numOutputs) but the node has \(spec.outputCount) outputs")
        }
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let input = try inputs.tensor(0)
        let axis = try ShapeSupport.axis(self.axis, rank: input.rank)
        let length = input.shape[axis]
        var sizes = splitAttribute
        if sizes == nil, let split = try inputs.optionalTensor(1) { sizes = try ShapeSupport.integers(split, input: 1) }
        let resolved: [Int]
        if let sizes { resolved = sizes } else { resolved = try Self.equalSizes(length, parts: parts) }
        guard resolved.count == parts, resolved.allSatisfy({ $0 >= 0 && $0 <= length }),
            resolved.reduce(0, { $0 &+ $1 }) == length
        else {
            throw OperatorError(
                "split \(resolved) does not cut axis \(axis) of size \(length) into \(parts) parts")
        }
        if input.count == 0 {
            return resolved.map { size in
                var shape = input.shape
                shape[axis] = size
                return .tensor(Tensor(checked: shape, input.data))
            }
        }
        var tables = ShapeGather.identityTables(input.shape)
        let stride = try ShapeSupport.product(input.shape, (axis + 1)..<input.rank)
        var start = 0
        var outputs: [Value] = []
        for size in resolved {
            tables[axis] = (start..<(start + size)).map { $0 * stride }
            outputs.append(.tensor(try ShapeGather.run(input, tables: tables)))
            start += size
        }
        return outputs
    }

    /// Sizes of `parts` parts of `length`: equal, or (as opset 18 has it) all of the rounded-up size but a
    /// smaller last one.
    static func equalSizes(_ length: Int, parts: Int) throws(OperatorError) -> [Int] {
        if length % parts == 0 { return Array(repeating: length / parts, count: parts) }
        let size = length / parts + 1
        let last = length - size * (parts - 1)
        guard last >= 0 else {
            throw OperatorError("axis of size \(length) cannot be split into \(parts) parts")
        }
        return Array(repeating: size, count: parts - 1) + [last]
    }
}
