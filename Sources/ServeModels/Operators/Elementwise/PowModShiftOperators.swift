/// `Pow`, `Mod` and `BitShift`: the binary operators with rules of their own for integers.
enum PowModShiftOperators {
    static let factories: [String: OperatorFactory] = [
        "Pow": { spec throws(OperatorError) in PowOperator(rule: try ElementwiseBroadcastRule(spec)) },
        "Mod": { spec throws(OperatorError) in
            let fmod = try spec.attributes.int("fmod", default: 0)
            guard fmod == 0 || fmod == 1 else { throw OperatorError("attribute 'fmod' is \(fmod); it must be 0 or 1") }
            return ModOperator(truncating: fmod == 1)
        },
        "BitShift": { spec throws(OperatorError) in
            switch try spec.attributes.string("direction") {
            case "LEFT": return BitShiftOperator(left: true)
            case "RIGHT": return BitShiftOperator(left: false)
            case let other?: throw OperatorError("attribute 'direction' is '\(other)'; it must be LEFT or RIGHT")
            case nil: throw OperatorError("attribute 'direction' (LEFT or RIGHT) is missing")
            }
        },
    ]
}

/// `Pow`: the base (a float, double, int32 or int64 tensor) to the power of an exponent of any numeric type;
/// the result has the base's type. Integer bases with integer exponents are computed exactly (wrapping on
/// overflow; a negative exponent truncates 1 / xⁿ toward zero), with float exponents through `Double`.
struct PowOperator: Operator {
    let rule: ElementwiseBroadcastRule

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let base = try inputs.tensor(0)
        let exponent = try inputs.tensor(1)
        let plan = try rule.plan(base.shape, exponent.shape)
        let data: TensorData
        switch base.data {
        case .float(let x): data = .float(PowOperator.floats(x, try PowOperator.exponents(exponent), plan))
        case .double(let x): data = .double(PowOperator.floats(x, try PowOperator.exponents(exponent), plan))
        case .int64(let x): data = .int64(try PowOperator.integers(x, exponent, plan))
        case .int32(let x): data = .int32(try PowOperator.integers(x, exponent, plan))
        default: throw .unsupportedType(base.elementType)
        }
        return [.tensor(Tensor(checked: plan.shape, data))]
    }

    private static func exponents<T: ElementwiseFloat>(_ exponent: Tensor) throws(OperatorError) -> [T] {
        guard let values: [T] = ElementwiseNumbers.floats(exponent.data) else {
            throw .unsupportedType(exponent.elementType, input: 1)
        }
        return values
    }

    private static func floats<T: ElementwiseFloat>(_ x: [T], _ y: [T], _ plan: ElementwiseBroadcastPlan) -> [T] {
        // Squares (a decomposed LayerNorm's (x - mean)²) and square roots skip the general pow.
        if y.count == 1, y[0] == 2 { return plan.combine(x, y) { base, _ in base * base } }
        if y.count == 1, y[0] == 0.5 { return plan.combine(x, y) { base, _ in base.squareRoot() } }
        return plan.combine(x, y) { T.pow($0, $1) }
    }

    private static func integers<T: FixedWidthInteger>(
        _ x: [T], _ exponent: Tensor, _ plan: ElementwiseBroadcastPlan
    ) throws(OperatorError) -> [T] {
        if let y = ElementwiseNumbers.int64s(exponent.data) {
            return plan.combine(x, y) { PowOperator.power($0, $1) }
        }
        guard let y: [Double] = ElementwiseNumbers.floats(exponent.data) else {
            throw .unsupportedType(exponent.elementType, input: 1)
        }
        return plan.combine(x, y) { ElementwiseNumbers.saturating(Double.pow(Double($0), $1)) }
    }

    /// `base` to the power `exponent` by squaring, wrapping on overflow.
    static func power<T: FixedWidthInteger>(_ base: T, _ exponent: Int64) -> T {
        if exponent < 0 {
            if base == 1 { return 1 }
            if base == 0 &- 1 { return exponent & 1 == 0 ? 1 : base }
            return 0
        }
        var result: T = 1
        var factor = base
        var remaining = exponent
        while remaining > 0 {
            if remaining & 1 == 1 { result = result &* factor }
            factor = factor &* factor
            remaining >>= 1
        }
        return result
    }
}

/// `Mod`: the remainder with the divisor's sign (`fmod` = 0, as Python's `%`) or the dividend's (`fmod` = 1,
/// as C's `fmod`). An integer divisor of zero is an error.
struct ModOperator: Operator {
    let truncating: Bool

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let a = try inputs.tensor(0)
        let b = try inputs.tensor(1)
        let plan = try ElementwiseBroadcastPlan([a.shape, b.shape])
        let data: TensorData
        switch (a.data, b.data) {
        case (.float(let x), .float(let y)): data = .float(floats(x, y, plan))
        case (.double(let x), .double(let y)): data = .double(floats(x, y, plan))
        case (.int64(let x), .int64(let y)): data = .int64(try integers(x, y, plan))
        case (.int32(let x), .int32(let y)): data = .int32(try integers(x, y, plan))
        case (.int16(let x), .int16(let y)): data = .int16(try integers(x, y, plan))
        case (.int8(let x), .int8(let y)): data = .int8(try integers(x, y, plan))
        case (.uint64(let x), .uint64(let y)): data = .uint64(try integers(x, y, plan))
        case (.uint32(let x), .uint32(let y)): data = .uint32(try integers(x, y, plan))
        case (.uint16(let x), .uint16(let y)): data = .uint16(try integers(x, y, plan))
        case (.uint8(let x), .uint8(let y)): data = .uint8(try integers(x, y, plan))
        default: throw ElementwiseBinary.mismatch(a.data, b.data)
        }
        return [.tensor(Tensor(checked: plan.shape, data))]
    }

    private func floats<T: ElementwiseFloat>(_ x: [T], _ y: [T], _ plan: ElementwiseBroadcastPlan) -> [T] {
        if truncating { return plan.combine(x, y) { $0.truncatingRemainder(dividingBy: $1) } }
        return plan.combine(x, y) { x, y in
            let remainder = x.truncatingRemainder(dividingBy: y)
            if remainder == 0 { return T(signOf: y, magnitudeOf: 0) }
            return (remainder < 0) != (y < 0) ? remainder + y : remainder
        }
    }

    private func integers<T: FixedWidthInteger>(
        _ x: [T], _ y: [T], _ plan: ElementwiseBroadcastPlan
    ) throws(OperatorError) -> [T] {
        if plan.count > 0, y.contains(0) { throw OperatorError("input 1 holds a zero: integer modulo by zero") }
        if truncating { return plan.combine(x, y) { $0.remainderReportingOverflow(dividingBy: $1).partialValue } }
        return plan.combine(x, y) { x, y in
            let remainder = x.remainderReportingOverflow(dividingBy: y).partialValue
            return remainder != 0 && (remainder < 0) != (y < 0) ? remainder &+ y : remainder
        }
    }
}

/// `BitShift` of unsigned or signed integers. A shift by a negative amount or by the width or more leaves
/// only the sign fill (0, or -1 for a negative value shifted right).
struct BitShiftOperator: Operator {
    let left: Bool

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let a = try inputs.tensor(0)
        let b = try inputs.tensor(1)
        let plan = try ElementwiseBroadcastPlan([a.shape, b.shape])
        let data: TensorData
        switch (a.data, b.data) {
        case (.uint8(let x), .uint8(let y)): data = .uint8(shift(x, y, plan))
        case (.uint16(let x), .uint16(let y)): data = .uint16(shift(x, y, plan))
        case (.uint32(let x), .uint32(let y)): data = .uint32(shift(x, y, plan))
        case (.uint64(let x), .uint64(let y)): data = .uint64(shift(x, y, plan))
        case (.int8(let x), .int8(let y)): data = .int8(shift(x, y, plan))
        case (.int16(let x), .int16(let y)): data = .int16(shift(x, y, plan))
        case (.int32(let x), .int32(let y)): data = .int32(shift(x, y, plan))
        case (.int64(let x), .int64(let y)): data = .int64(shift(x, y, plan))
        default: throw ElementwiseBinary.mismatch(a.data, b.data)
        }
        return [.tensor(Tensor(checked: plan.shape, data))]
    }

    private func shift<T: FixedWidthInteger>(_ x: [T], _ y: [T], _ plan: ElementwiseBroadcastPlan) -> [T] {
        // Swift's smart shifts already give the sign fill for amounts of the width or more.
        if left { return plan.combine(x, y) { x, y in y < 0 ? 0 : x << y } }
        return plan.combine(x, y) { x, y in y < 0 ? x >> T.bitWidth : x >> y }
    }
}
