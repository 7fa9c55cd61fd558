/// Shape: input 0's dimensions as an int64 vector, optionally only those from `start` up to `end`.
struct ShapeOperator: ShapeGroupOperator {
    let start: Int
    let end: Int?

    init(_ spec: NodeSpec) throws(OperatorError) {
        start = try spec.attributes.int("start", default: 0)
        end = try spec.attributes.int("end")
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let shape = try inputs.tensor(0).shape
        let rank = shape.count
        func clamped(_ bound: Int) -> Int { min(max(bound < 0 ? bound + rank : bound, 0), rank) }
        let from = clamped(start)
        let to = clamped(end ?? rank)
        let dimensions = from < to ? shape[from..<to].map { Int64($0) } : []
        return [.tensor(Tensor(checked: [dimensions.count], .int64(dimensions)))]
    }
}

/// Size: input 0's element count as an int64 scalar.
struct SizeOperator: ShapeGroupOperator {
    init(_ spec: NodeSpec) throws(OperatorError) {}

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        [.tensor(Tensor(scalar: Int64(try inputs.tensor(0).count)))]
    }
}

/// NonZero: the coordinates of input 0's nonzero (true, non-empty) elements, one row per dimension, one column
/// per element in row-major order (a scalar counts as a vector of one element, as onnxruntime has it).
struct NonZeroOperator: ShapeGroupOperator {
    init(_ spec: NodeSpec) throws(OperatorError) {}

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let input = try inputs.tensor(0)
        guard let zero = TensorData.zeros(input.elementType, count: 1) else {
            throw .unsupportedType(input.elementType)
        }
        let positions = try input.data.shapeVisit(ShapeNonZeroPositions(zero: zero))
        let shape = input.rank == 0 ? [1] : input.shape
        let strides = ShapeSupport.strides(shape)
        var coordinates = [Int64](repeating: 0, count: shape.count * positions.count)
        for (column, position) in positions.enumerated() {
            var rest = position
            for axis in shape.indices {
                coordinates[axis * positions.count + column] = Int64(rest / strides[axis])
                rest %= strides[axis]
            }
        }
        return [.tensor(Tensor(checked: [shape.count, positions.count], .int64(coordinates)))]
    }
}

/// The positions of the elements that differ from `zero` (one element of the visited type).
struct ShapeNonZeroPositions: ShapeElementVisitor {
    let zero: TensorData

    func visit<Element: TensorElement & Equatable>(_ values: [Element]) throws(OperatorError) -> [Int] {
        guard let zero = Element.unwrap(zero)?.first else { return [] }
        var positions: [Int] = []
        for index in values.indices where values[index] != zero { positions.append(index) }
        return positions
    }
}
