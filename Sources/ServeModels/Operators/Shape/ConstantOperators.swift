/// Constant: the tensor one of its attributes holds (`value`, `value_float(s)`, `value_int(s)`,
/// `value_string(s)`).
struct ConstantOperator: ShapeGroupOperator {
    let value: Tensor

    init(_ spec: NodeSpec) throws(OperatorError) {
        let attributes = spec.attributes
        if attributes.values["sparse_value"] != nil {
            throw OperatorError("Constant's sparse_value attribute is not supported (sparse tensors are not held)")
        }
        var candidates: [Tensor] = []
        if let tensor = try attributes.tensor("value") { candidates.append(tensor) }
        if attributes.values["value_float"] != nil, let float = try attributes.float("value_float") {
            candidates.append(Tensor(scalar: float))
        }
        if let floats = try attributes.floats("value_floats") {
            candidates.append(Tensor(checked: [floats.count], .float(floats)))
        }
        if let int = try attributes.int("value_int") { candidates.append(Tensor(scalar: Int64(int))) }
        if let ints = try attributes.ints("value_ints") {
            candidates.append(Tensor(checked: [ints.count], .int64(ints.map { Int64($0) })))
        }
        if let string = try attributes.string("value_string") { candidates.append(Tensor(scalar: string)) }
        if let strings = try attributes.strings("value_strings") {
            candidates.append(Tensor(checked: [strings.count], .string(strings)))
        }
        guard candidates.count == 1 else {
            throw OperatorError(
                "Constant needs exactly one of value, value_float(s), value_int(s), value_string(s); "
                    + "it has \(candidates.count)")
        }
        value = candidates[0]
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        [.tensor(value)]
    }
}

/// ConstantOfShape: a tensor of the shape input 0 gives, every element the `value` attribute's one element
/// (a float 0 by default).
struct ConstantOfShapeOperator: ShapeGroupOperator {
    let value: Tensor

    init(_ spec: NodeSpec) throws(OperatorError) {
        value = try spec.attributes.tensor("value") ?? Tensor(scalar: Float(0))
        guard value.count == 1 else {
            throw OperatorError("ConstantOfShape's value attribute has \(value.count) elements; it must have one")
        }
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let shape = try ShapeSupport.integers(try inputs.tensor(0), input: 0)
        let count = try ShapeSupport.count(shape)
        let data = try value.data.shapeVisit(ShapeRepeat(count: count))
        return [.tensor(Tensor(checked: shape, data))]
    }
}

/// `count` copies of the first element.
struct ShapeRepeat: ShapeElementVisitor {
    let count: Int

    func visit<Element: TensorElement & Equatable>(_ values: [Element]) throws(OperatorError) -> TensorData {
        Element.wrap(Array(repeating: values[0], count: count))
    }
}

/// EyeLike: a matrix of input 0's shape with ones on the diagonal `k` places right of the main one, of the
/// `dtype` attribute's type (input 0's by default).
struct EyeLikeOperator: ShapeGroupOperator {
    let elementType: ElementType?
    let k: Int

    init(_ spec: NodeSpec) throws(OperatorError) {
        k = try spec.attributes.int("k", default: 0)
        if let code = try spec.attributes.int("dtype") {
            guard let type = ElementType(rawValue: code), type.isSupported, type != .string else {
                throw OperatorError("EyeLike's dtype \(code) is not a numeric or bool type Serve holds")
            }
            elementType = type
        } else {
            elementType = nil
        }
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let input = try inputs.tensor(0)
        guard input.rank == 2 else {
            throw OperatorError("input 0 has shape \(input.shape); EyeLike needs a matrix")
        }
        let type = elementType ?? input.elementType
        guard let zeroAndOne = Self.zeroAndOne(type) else { throw .unsupportedType(type) }
        let data = try zeroAndOne.shapeVisit(ShapeEye(rows: input.shape[0], columns: input.shape[1], k: k))
        return [.tensor(Tensor(checked: input.shape, data))]
    }

    /// The two elements [0, 1] of `type`.
    private static func zeroAndOne(_ type: ElementType) -> TensorData? {
        switch type {
        case .float: .float([0, 1])
        case .double: .double([0, 1])
        case .int64: .int64([0, 1])
        case .int32: .int32([0, 1])
        case .int16: .int16([0, 1])
        case .int8: .int8([0, 1])
        case .uint64: .uint64([0, 1])
        case .uint32: .uint32([0, 1])
        case .uint16: .uint16([0, 1])
        case .uint8: .uint8([0, 1])
        case .bool: .bool([false, true])
        default: nil
        }
    }
}

/// A `rows` × `columns` matrix of the first element with the second on diagonal `k`.
struct ShapeEye: ShapeElementVisitor {
    let rows: Int
    let columns: Int
    let k: Int

    func visit<Element: TensorElement & Equatable>(_ values: [Element]) throws(OperatorError) -> TensorData {
        var result = Array(repeating: values[0], count: rows * columns)
        for row in 0..<rows {
            let column = row + k
            if column >= 0, column < columns { result[row * columns + column] = values[1] }
        }
        return Element.wrap(result)
    }
}

/// Range: the numbers from `start` (input 0) up to but excluding `limit` (input 1) by `delta` (input 2).
struct RangeOperator: ShapeGroupOperator {
    init(_ spec: NodeSpec) throws(OperatorError) {}

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let start = try inputs.tensor(0)
        let limit = try inputs.tensor(1)
        let delta = try inputs.tensor(2)
        for (index, tensor) in [start, limit, delta].enumerated() {
            guard tensor.count == 1 else {
                throw OperatorError("input \(index) has shape \(tensor.shape); Range needs a scalar")
            }
            guard tensor.elementType == start.elementType else {
                throw OperatorError("input \(index) is \(tensor.elementType) but input 0 is \(start.elementType)")
            }
        }
        let data = try start.data.shapeVisitNumeric(ShapeRangeValues(limit: limit.data, delta: delta.data), input: 0)
        return [.tensor(Tensor(checked: [data.count], data))]
    }
}

/// The elements of a Range whose start is the visited one-element array.
struct ShapeRangeValues: ShapeNumericVisitor {
    let limit: TensorData
    let delta: TensorData

    func visit<Element: ShapeNumber>(_ values: [Element]) throws(OperatorError) -> TensorData {
        guard let limit = Element.unwrap(limit)?.first, let delta = Element.unwrap(delta)?.first else {
            throw OperatorError("Range's inputs must have one element type")
        }
        let start = values[0]
        guard delta != .shapeZero else { throw OperatorError("Range's delta is 0") }
        let span = (limit.shapeDouble - start.shapeDouble) / delta.shapeDouble
        guard let count = Int(exactly: max(0, span.rounded(.up))), count <= 1 << 40 else {
            throw OperatorError("Range from \(start) to \(limit) by \(delta) has no usable element count")
        }
        var result: [Element] = []
        result.reserveCapacity(count)
        if Element.self is any BinaryFloatingPoint.Type {
            let first = start.shapeDouble
            let step = delta.shapeDouble
            for index in 0..<count { result.append(Element(shapeConverting: first + Double(index) * step)) }
        } else {
            var value = start
            for _ in 0..<count {
                result.append(value)
                value = Element.shapeAdd(value, delta)
            }
        }
        return Element.wrap(result)
    }
}
