/// `Equal`, `Less`, `LessOrEqual`, `Greater`, `GreaterOrEqual`: bool tensors comparing two broadcast inputs.
enum ComparisonOperators {
    static let factories: [String: OperatorFactory] = [
        "Equal": comparison(Equal.self),
        "Less": comparison(Less.self),
        "LessOrEqual": comparison(LessOrEqual.self),
        "Greater": comparison(Greater.self),
        "GreaterOrEqual": comparison(GreaterOrEqual.self),
    ]

    static func comparison<Relation: ElementwiseRelation>(_ relation: Relation.Type) -> OperatorFactory {
        let compare: ComparisonOperator.Compare = { a, b, plan throws(OperatorError) in
            try ComparisonOperator.compare(relation, a, b, plan)
        }
        return { spec throws(OperatorError) in
            ComparisonOperator(rule: try ElementwiseBroadcastRule(spec), compare: compare)
        }
    }

    struct Equal: ElementwiseRelation {
        @inline(__always) static func holds<T: Comparable>(_ x: T, _ y: T) -> Bool { x == y }
        static var takesBoolsAndStrings: Bool { true }
    }

    struct Less: ElementwiseRelation {
        @inline(__always) static func holds<T: Comparable>(_ x: T, _ y: T) -> Bool { x < y }
    }

    struct LessOrEqual: ElementwiseRelation {
        @inline(__always) static func holds<T: Comparable>(_ x: T, _ y: T) -> Bool { x <= y }
    }

    struct Greater: ElementwiseRelation {
        @inline(__always) static func holds<T: Comparable>(_ x: T, _ y: T) -> Bool { x > y }
    }

    struct GreaterOrEqual: ElementwiseRelation {
        @inline(__always) static func holds<T: Comparable>(_ x: T, _ y: T) -> Bool { x >= y }
    }
}

/// A relation between two elements of one type (false whenever a float is NaN, as IEEE 754 has it).
protocol ElementwiseRelation: Sendable {
    @inline(__always) static func holds<T: Comparable>(_ x: T, _ y: T) -> Bool
    /// Whether the relation also takes bools and strings (only `Equal`).
    static var takesBoolsAndStrings: Bool { get }
}

extension ElementwiseRelation {
    static var takesBoolsAndStrings: Bool { false }
}

/// A comparison operator with broadcasting.
struct ComparisonOperator: Operator {
    typealias Compare = @Sendable (TensorData, TensorData, ElementwiseBroadcastPlan) throws(OperatorError) -> [Bool]

    let rule: ElementwiseBroadcastRule
    let compare: Compare

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let a = try inputs.tensor(0)
        let b = try inputs.tensor(1)
        let plan = try rule.plan(a.shape, b.shape)
        return [.tensor(Tensor(checked: plan.shape, .bool(try compare(a.data, b.data, plan))))]
    }

    static func compare<Relation: ElementwiseRelation>(
        _ relation: Relation.Type, _ a: TensorData, _ b: TensorData, _ plan: ElementwiseBroadcastPlan
    ) throws(OperatorError) -> [Bool] {
        let result: [Bool]
        switch (a, b) {
        case (.float(let x), .float(let y)): result = plan.combine(x, y) { Relation.holds($0, $1) }
        case (.double(let x), .double(let y)): result = plan.combine(x, y) { Relation.holds($0, $1) }
        case (.int64(let x), .int64(let y)): result = plan.combine(x, y) { Relation.holds($0, $1) }
        case (.int32(let x), .int32(let y)): result = plan.combine(x, y) { Relation.holds($0, $1) }
        case (.int16(let x), .int16(let y)): result = plan.combine(x, y) { Relation.holds($0, $1) }
        case (.int8(let x), .int8(let y)): result = plan.combine(x, y) { Relation.holds($0, $1) }
        case (.uint64(let x), .uint64(let y)): result = plan.combine(x, y) { Relation.holds($0, $1) }
        case (.uint32(let x), .uint32(let y)): result = plan.combine(x, y) { Relation.holds($0, $1) }
        case (.uint16(let x), .uint16(let y)): result = plan.combine(x, y) { Relation.holds($0, $1) }
        case (.uint8(let x), .uint8(let y)): result = plan.combine(x, y) { Relation.holds($0, $1) }
        case (.string(let x), .string(let y)) where Relation.takesBoolsAndStrings:
            result = plan.combine(x, y) { Relation.holds($0, $1) }
        case (.bool(let x), .bool(let y)) where Relation.takesBoolsAndStrings:
            result = plan.combine(x, y) { $0 == $1 }
        default: throw ElementwiseBinary.mismatch(a, b)
        }
        return result
    }
}

/// `And`, `Or`, `Xor` of two broadcast bool tensors, and `Not` of one.
struct LogicalOperator: Operator {
    enum Kind: Sendable { case and, or, xor, not }

    let kind: Kind
    let rule: ElementwiseBroadcastRule?

    static let factories: [String: OperatorFactory] = [
        "And": { spec throws(OperatorError) in LogicalOperator(kind: .and, rule: try ElementwiseBroadcastRule(spec)) },
        "Or": { spec throws(OperatorError) in LogicalOperator(kind: .or, rule: try ElementwiseBroadcastRule(spec)) },
        "Xor": { spec throws(OperatorError) in LogicalOperator(kind: .xor, rule: try ElementwiseBroadcastRule(spec)) },
        "Not": { _ in LogicalOperator(kind: .not, rule: nil) },
    ]

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let a = try inputs.tensor(0)
        guard case .bool(let x) = a.data else { throw .unsupportedType(a.elementType) }
        guard let rule else {
            return [.tensor(Tensor(checked: a.shape, .bool(ElementwiseMap.map(x) { !$0 })))]
        }
        let b = try inputs.tensor(1)
        guard case .bool(let y) = b.data else { throw .unsupportedType(b.elementType, input: 1) }
        let plan = try rule.plan(a.shape, b.shape)
        let result: [Bool] =
            switch kind {
            case .and: plan.combine(x, y) { $0 && $1 }
            case .or: plan.combine(x, y) { $0 || $1 }
            case .xor, .not: plan.combine(x, y) { $0 != $1 }
            }
        return [.tensor(Tensor(checked: plan.shape, .bool(result)))]
    }
}

/// `Where`: elements of input 1 where the condition (input 0) holds, else of input 2, all three broadcast.
struct WhereOperator: Operator {
    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let condition = try inputs.tensor(0)
        let a = try inputs.tensor(1)
        let b = try inputs.tensor(2)
        guard case .bool(let c) = condition.data else { throw .unsupportedType(condition.elementType) }
        let plan = try ElementwiseBroadcastPlan([condition.shape, a.shape, b.shape])
        let data: TensorData
        switch (a.data, b.data) {
        case (.float(let x), .float(let y)): data = .float(plan.combine(c, x, y) { $0 ? $1 : $2 })
        case (.double(let x), .double(let y)): data = .double(plan.combine(c, x, y) { $0 ? $1 : $2 })
        case (.int64(let x), .int64(let y)): data = .int64(plan.combine(c, x, y) { $0 ? $1 : $2 })
        case (.int32(let x), .int32(let y)): data = .int32(plan.combine(c, x, y) { $0 ? $1 : $2 })
        case (.int16(let x), .int16(let y)): data = .int16(plan.combine(c, x, y) { $0 ? $1 : $2 })
        case (.int8(let x), .int8(let y)): data = .int8(plan.combine(c, x, y) { $0 ? $1 : $2 })
        case (.uint64(let x), .uint64(let y)): data = .uint64(plan.combine(c, x, y) { $0 ? $1 : $2 })
        case (.uint32(let x), .uint32(let y)): data = .uint32(plan.combine(c, x, y) { $0 ? $1 : $2 })
        case (.uint16(let x), .uint16(let y)): data = .uint16(plan.combine(c, x, y) { $0 ? $1 : $2 })
        case (.uint8(let x), .uint8(let y)): data = .uint8(plan.combine(c, x, y) { $0 ? $1 : $2 })
        case (.bool(let x), .bool(let y)): data = .bool(plan.combine(c, x, y) { $0 ? $1 : $2 })
        case (.string(let x), .string(let y)): data = .string(plan.combine(c, x, y) { $0 ? $1 : $2 })
        default:
            throw OperatorError(
                "inputs 1 and 2 are \(a.elementType) and \(b.elementType) tensors; they must be of one type")
        }
        return [.tensor(Tensor(checked: plan.shape, data))]
    }
}

/// `IsNaN`, and `IsInf` (which may detect only one sign of infinity).
struct FloatClassOperator: Operator {
    let nan: Bool
    let positive: Bool
    let negative: Bool

    static let factories: [String: OperatorFactory] = [
        "IsNaN": { _ in FloatClassOperator(nan: true, positive: false, negative: false) },
        "IsInf": { spec throws(OperatorError) in
            FloatClassOperator(
                nan: false, positive: try spec.attributes.int("detect_positive", default: 1) != 0,
                negative: try spec.attributes.int("detect_negative", default: 1) != 0)
        },
    ]

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try inputs.tensor(0)
        let result: [Bool]
        switch x.data {
        case .float(let values): result = classify(values)
        case .double(let values): result = classify(values)
        default: throw .unsupportedType(x.elementType)
        }
        return [.tensor(Tensor(checked: x.shape, .bool(result)))]
    }

    private func classify<T: ElementwiseFloat>(_ values: [T]) -> [Bool] {
        if nan { return ElementwiseMap.map(values) { $0.isNaN } }
        let (positive, negative) = (positive, negative)
        return ElementwiseMap.map(values) { $0.isInfinite && ($0 > 0 ? positive : negative) }
    }
}
