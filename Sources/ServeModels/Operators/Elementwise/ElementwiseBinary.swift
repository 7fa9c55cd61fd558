/// An arithmetic operation of two elements of one numeric type: the body of `Add`, `Max`, ….
protocol ElementwiseArithmetic: Sendable {
    static func apply<T: ElementwiseFloat>(_ x: T, _ y: T) -> T
    /// Integers wrap around on overflow rather than trap.
    static func apply<T: FixedWidthInteger>(integer x: T, _ y: T) -> T
    /// Whether an integer divisor of zero is an error (`Div`).
    static var dividesIntegers: Bool { get }
}

extension ElementwiseArithmetic {
    static var dividesIntegers: Bool { false }
}

/// Binary elementwise computation on tensor data of any numeric type.
enum ElementwiseBinary {
    /// A binary operation on tensor data, walked by a plan.
    typealias Compute = @Sendable (TensorData, TensorData, ElementwiseBroadcastPlan) throws(OperatorError) -> TensorData

    /// `Operation` as a closure specialized for it (operators keep closures rather than being generic, so that
    /// their `run`, called through `any Operator`, reaches specialized code).
    static func compute<Operation: ElementwiseArithmetic>(_ operation: Operation.Type) -> Compute {
        { a, b, plan throws(OperatorError) in try numbers(operation, a, b, plan) }
    }

    /// `Operation` applied to `a` and `b`, which must be of one numeric type, walked by `plan`.
    static func numbers<Operation: ElementwiseArithmetic>(
        _ operation: Operation.Type, _ a: TensorData, _ b: TensorData, _ plan: ElementwiseBroadcastPlan
    ) throws(OperatorError) -> TensorData {
        switch (a, b) {
        case (.float(let x), .float(let y)): return .float(plan.combine(x, y) { Operation.apply($0, $1) })
        case (.double(let x), .double(let y)): return .double(plan.combine(x, y) { Operation.apply($0, $1) })
        case (.int64(let x), .int64(let y)): return .int64(try integers(operation, x, y, plan))
        case (.int32(let x), .int32(let y)): return .int32(try integers(operation, x, y, plan))
        case (.int16(let x), .int16(let y)): return .int16(try integers(operation, x, y, plan))
        case (.int8(let x), .int8(let y)): return .int8(try integers(operation, x, y, plan))
        case (.uint64(let x), .uint64(let y)): return .uint64(try integers(operation, x, y, plan))
        case (.uint32(let x), .uint32(let y)): return .uint32(try integers(operation, x, y, plan))
        case (.uint16(let x), .uint16(let y)): return .uint16(try integers(operation, x, y, plan))
        case (.uint8(let x), .uint8(let y)): return .uint8(try integers(operation, x, y, plan))
        default: throw mismatch(a, b)
        }
    }

    private static func integers<Operation: ElementwiseArithmetic, T: FixedWidthInteger>(
        _ operation: Operation.Type, _ x: [T], _ y: [T], _ plan: ElementwiseBroadcastPlan
    ) throws(OperatorError) -> [T] {
        if Operation.dividesIntegers, plan.count > 0, y.contains(0) {
            throw OperatorError("input 1 holds a zero: integer division by zero")
        }
        return plan.combine(x, y) { Operation.apply(integer: $0, $1) }
    }

    /// The error for inputs 0 and 1 of `a`'s and `b`'s types, which the operator does not take together.
    static func mismatch(_ a: TensorData, _ b: TensorData) -> OperatorError {
        if a.elementType != b.elementType {
            return OperatorError(
                "inputs 0 and 1 are \(a.elementType) and \(b.elementType) tensors; they must be of one type")
        }
        return .unsupportedType(a.elementType)
    }

    /// Input `index`'s tensor after checking it has the element type of `first` (for the variadic operators).
    static func sameType(_ inputs: [Value?], _ index: Int, as first: Tensor) throws(OperatorError) -> Tensor {
        let tensor = try inputs.tensor(index)
        guard tensor.elementType == first.elementType else {
            throw OperatorError(
                "input \(index) is a \(tensor.elementType) tensor and input 0 a \(first.elementType) one; "
                    + "they must be of one type")
        }
        return tensor
    }
}

/// How a binary operator broadcasts: NumPy-style from opset 7; before, only when the `broadcast` attribute is
/// 1, with input 1's shape matching a contiguous run of input 0's dimensions (the trailing ones, or those from
/// `axis`).
struct ElementwiseBroadcastRule: Sendable {
    let legacy: Bool
    let enabled: Bool
    let axis: Int?

    init(_ spec: NodeSpec) throws(OperatorError) {
        legacy = spec.opset < 7
        enabled = try spec.attributes.int("broadcast", default: 0) != 0
        axis = try spec.attributes.int("axis")
    }

    /// The plan of inputs of shapes `a` and `b`.
    func plan(_ a: [Int], _ b: [Int]) throws(OperatorError) -> ElementwiseBroadcastPlan {
        guard legacy else { return try ElementwiseBroadcastPlan([a, b]) }
        guard enabled else {
            guard a == b else {
                throw OperatorError("inputs of shapes \(a) and \(b) differ, and the node does not set broadcast = 1")
            }
            return try ElementwiseBroadcastPlan([a, b])
        }
        var aligned = b
        if let axis {
            let start = axis < 0 ? axis + a.count : axis
            guard start >= 0, start + b.count <= a.count else {
                throw OperatorError("input 1 of shape \(b) does not fit input 0 of shape \(a) from axis \(axis)")
            }
            aligned += Array(repeating: 1, count: a.count - start - b.count)
        }
        let plan = try ElementwiseBroadcastPlan([a, aligned])
        guard plan.shape == a else {
            throw OperatorError("input 1 of shape \(b) does not broadcast to input 0's shape \(a)")
        }
        return plan
    }
}
