/// `PRelu`: x where x ≥ 0, slope · x elsewhere. From opset 7 the slope (input 1) broadcasts unidirectionally to
/// x's shape; before, a slope of one element is shared by all of x, and one of C elements, where C is x's
/// dimension 1 (its channels), applies per channel.
struct PReluOperator: Operator {
    /// Whether the slope follows opsets 1–6's rule rather than broadcasting.
    let legacy: Bool

    static let factory: OperatorFactory = { spec in PReluOperator(legacy: spec.opset < 7) }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try inputs.tensor(0)
        let slope = try inputs.tensor(1)
        let slopeShape = legacy ? PReluOperator.legacyShape(slope, for: x.shape) : slope.shape
        let plan = try ElementwiseBroadcastPlan([x.shape, slopeShape])
        guard plan.shape == x.shape else {
            throw OperatorError(
                "input 1 (slope) of shape \(slope.shape) does not broadcast to input 0's shape \(x.shape)")
        }
        let data: TensorData
        switch (x.data, slope.data) {
        case (.float(let x), .float(let a)): data = .float(plan.combine(x, a) { $0 < 0 ? $0 * $1 : $0 })
        case (.double(let x), .double(let a)): data = .double(plan.combine(x, a) { $0 < 0 ? $0 * $1 : $0 })
        case (.int64(let x), .int64(let a)): data = .int64(plan.combine(x, a) { $0 < 0 ? $0 &* $1 : $0 })
        case (.int32(let x), .int32(let a)): data = .int32(plan.combine(x, a) { $0 < 0 ? $0 &* $1 : $0 })
        // Unsigned elements are never negative: the slope has no effect.
        case (.uint64(let x), .uint64): data = .uint64(x)
        case (.uint32(let x), .uint32): data = .uint32(x)
        default: throw ElementwiseBinary.mismatch(x.data, slope.data)
        }
        return [.tensor(Tensor(checked: x.shape, data))]
    }

    /// The shape `slope` broadcasts as before opset 7: one element is a scalar; C elements along a single axis
    /// (`[C]`, or `[C, 1, 1]` say), where C is dimension 1 of `x`, become `[C, 1, …]` so as to line up with that
    /// dimension. Any other slope keeps its shape (one of x's own shape, for one, still applies elementwise).
    static func legacyShape(_ slope: Tensor, for x: [Int]) -> [Int] {
        if slope.count == 1 { return [] }
        guard x.count >= 2, slope.count == x[1], slope.shape.filter({ $0 != 1 }).count == 1 else {
            return slope.shape
        }
        return [x[1]] + Array(repeating: 1, count: x.count - 2)
    }
}
