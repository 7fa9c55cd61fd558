/// Checks and conversions the shape operators share: axes, integer inputs, strides and sizes.
enum ShapeSupport {
    /// `axis` (negative counts from the end) as an index into `rank` dimensions.
    static func axis(_ axis: Int, rank: Int, name: String = "axis") throws(OperatorError) -> Int {
        guard axis >= -rank, axis < rank else {
            throw OperatorError(
                "\(name) \(axis) is out of range for rank \(rank) (it must be in \(-rank)...\(rank - 1))")
        }
        return axis < 0 ? axis + rank : axis
    }

    /// `axes` normalized against `rank`; throws when one is out of range or repeated.
    static func axes(_ axes: [Int], rank: Int, name: String = "axes") throws(OperatorError) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(axes.count)
        for value in axes {
            let normalized = try axis(value, rank: rank, name: "\(name) entry")
            guard !result.contains(normalized) else {
                throw OperatorError("\(name) \(axes) names axis \(normalized) twice")
            }
            result.append(normalized)
        }
        return result
    }

    /// The elements of an integer tensor as `Int`s (uint64 values beyond `Int.max` are clamped); throws
    /// for other element types.
    static func integers(_ tensor: Tensor, input: Int) throws(OperatorError) -> [Int] {
        switch tensor.data {
        case .int64(let values): return values.map { Int($0) }
        case .int32(let values): return values.map { Int($0) }
        case .int16(let values): return values.map { Int($0) }
        case .int8(let values): return values.map { Int($0) }
        case .uint64(let values): return values.map { Int(clamping: $0) }
        case .uint32(let values): return values.map { Int($0) }
        case .uint16(let values): return values.map { Int($0) }
        case .uint8(let values): return values.map { Int($0) }
        default:
            throw OperatorError("input \(input) is a \(tensor.elementType) tensor; it must hold integers")
        }
    }

    /// The single element of an integer tensor of one element (a scalar or a one-element vector).
    static func scalarInteger(_ tensor: Tensor, input: Int, name: String) throws(OperatorError) -> Int {
        let values = try integers(tensor, input: input)
        guard values.count == 1 else {
            throw OperatorError("input \(input) (\(name)) has shape \(tensor.shape); it must hold one integer")
        }
        return values[0]
    }

    /// The elements of any numeric tensor as `Int`s, floating-point values truncated toward zero (what
    /// OneHot does with float indices); throws for NaN, infinities and non-numeric tensors.
    static func indexValues(_ tensor: Tensor, input: Int) throws(OperatorError) -> [Int] {
        func truncated<F: BinaryFloatingPoint>(_ values: [F]) throws(OperatorError) -> [Int] {
            var result: [Int] = []
            result.reserveCapacity(values.count)
            for value in values {
                guard let integer = Int(exactly: value.rounded(.towardZero)) else {
                    throw OperatorError("input \(input) holds \(value), which is not a usable index")
                }
                result.append(integer)
            }
            return result
        }
        switch tensor.data {
        case .float(let values): return try truncated(values)
        case .double(let values): return try truncated(values)
        default: return try integers(tensor, input: input)
        }
    }

    /// Row-major strides of `shape`.
    static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var step = 1
        for axis in shape.indices.reversed() {
            strides[axis] = step
            step = step &* shape[axis]
        }
        return strides
    }

    /// The number of elements of `shape`; throws when it is negative or overflows.
    static func count(_ shape: [Int], of what: String = "the output") throws(OperatorError) -> Int {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw OperatorError("\(what) would have shape \(shape), which has a negative dimension")
        }
        guard let count = Tensor.elementCount(shape) else {
            throw OperatorError("\(what) would have shape \(shape), which holds too many elements")
        }
        return count
    }

    /// The product of `shape[range]`. It can overflow only for a tensor with no elements (a 0 elsewhere makes
    /// a shape such as [0, 2^62, 2^62] valid), which callers answer before this is reached; it throws then.
    static func product(_ shape: [Int], _ range: Range<Int>) throws(OperatorError) -> Int {
        guard let product = Tensor.elementCount(Array(shape[range])) else {
            throw OperatorError("dimensions \(Array(shape[range])) hold too many elements")
        }
        return product
    }
}

extension Tensor {
    /// This tensor's data with `shape` (whose element count the caller has checked).
    func shapeReshaped(_ shape: [Int]) -> Tensor {
        Tensor(checked: shape, data)
    }
}
