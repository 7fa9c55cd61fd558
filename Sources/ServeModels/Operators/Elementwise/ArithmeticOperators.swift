/// `Add`, `Sub`, `Mul`, `Div` and the variadic `Max`, `Min`, `Sum` and `Mean`, on every numeric type.
enum ArithmeticOperators {
    static let factories: [String: OperatorFactory] = [
        "Add": binary(Add.self),
        "Sub": binary(Sub.self),
        "Mul": binary(Mul.self),
        "Div": binary(Div.self),
        "Max": variadic(Maximum.self),
        "Min": variadic(Minimum.self),
        "Sum": variadic(Add.self),
        "Mean": { _ in MeanOperator(sum: VariadicOperator(compute: ElementwiseBinary.compute(Add.self))) },
    ]

    static func binary<Operation: ElementwiseArithmetic>(_ operation: Operation.Type) -> OperatorFactory {
        let compute = ElementwiseBinary.compute(operation)
        return { spec throws(OperatorError) in
            ArithmeticOperator(rule: try ElementwiseBroadcastRule(spec), compute: compute)
        }
    }

    static func variadic<Operation: ElementwiseArithmetic>(_ operation: Operation.Type) -> OperatorFactory {
        let made = VariadicOperator(compute: ElementwiseBinary.compute(operation))
        return { _ in made }
    }

    struct Add: ElementwiseArithmetic {
        @inline(__always) static func apply<T: ElementwiseFloat>(_ x: T, _ y: T) -> T { x + y }
        @inline(__always) static func apply<T: FixedWidthInteger>(integer x: T, _ y: T) -> T { x &+ y }
    }

    struct Sub: ElementwiseArithmetic {
        @inline(__always) static func apply<T: ElementwiseFloat>(_ x: T, _ y: T) -> T { x - y }
        @inline(__always) static func apply<T: FixedWidthInteger>(integer x: T, _ y: T) -> T { x &- y }
    }

    struct Mul: ElementwiseArithmetic {
        @inline(__always) static func apply<T: ElementwiseFloat>(_ x: T, _ y: T) -> T { x * y }
        @inline(__always) static func apply<T: FixedWidthInteger>(integer x: T, _ y: T) -> T { x &* y }
    }

    /// Integer division truncates toward zero; the minimum signed value divided by -1 wraps to itself.
    struct Div: ElementwiseArithmetic {
        @inline(__always) static func apply<T: ElementwiseFloat>(_ x: T, _ y: T) -> T { x / y }
        @inline(__always) static func apply<T: FixedWidthInteger>(integer x: T, _ y: T) -> T {
            x.dividedReportingOverflow(by: y).partialValue
        }
        static var dividesIntegers: Bool { true }
    }

    /// The larger element; NaN when either is NaN (as NumPy's `maximum`).
    struct Maximum: ElementwiseArithmetic {
        @inline(__always) static func apply<T: ElementwiseFloat>(_ x: T, _ y: T) -> T { x > y || x.isNaN ? x : y }
        @inline(__always) static func apply<T: FixedWidthInteger>(integer x: T, _ y: T) -> T { x > y ? x : y }
    }

    /// The smaller element; NaN when either is NaN.
    struct Minimum: ElementwiseArithmetic {
        @inline(__always) static func apply<T: ElementwiseFloat>(_ x: T, _ y: T) -> T { x < y || x.isNaN ? x : y }
        @inline(__always) static func apply<T: FixedWidthInteger>(integer x: T, _ y: T) -> T { x < y ? x : y }
    }
}

/// A binary arithmetic operator with broadcasting.
struct ArithmeticOperator: Operator {
    let rule: ElementwiseBroadcastRule
    let compute: ElementwiseBinary.Compute

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let a = try inputs.tensor(0)
        let b = try inputs.tensor(1)
        let plan = try rule.plan(a.shape, b.shape)
        let data = try compute(a.data, b.data, plan)
        return [.tensor(Tensor(checked: plan.shape, data))]
    }
}

/// `Max`, `Min` or `Sum` of one or more tensors of one type, broadcast together.
struct VariadicOperator: Operator {
    let compute: ElementwiseBinary.Compute

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        [.tensor(try fold(inputs))]
    }

    func fold(_ inputs: [Value?]) throws(OperatorError) -> Tensor {
        var result = try inputs.tensor(0)
        if inputs.count == 1, case .bool = result.data { throw .unsupportedType(.bool) }
        if inputs.count == 1, case .string = result.data { throw .unsupportedType(.string) }
        for index in 1..<inputs.count {
            let next = try ElementwiseBinary.sameType(inputs, index, as: result)
            let plan = try ElementwiseBroadcastPlan([result.shape, next.shape])
            let data = try compute(result.data, next.data, plan)
            result = Tensor(checked: plan.shape, data)
        }
        return result
    }
}

/// `Mean`: the sum of one or more float tensors, broadcast together, over their number.
struct MeanOperator: Operator {
    let sum: VariadicOperator

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let sum = try self.sum.fold(inputs)
        switch sum.data {
        case .float(let values):
            let count = Float(inputs.count)
            return [.tensor(Tensor(checked: sum.shape, .float(ElementwiseMap.map(values) { $0 / count })))]
        case .double(let values):
            let count = Double(inputs.count)
            return [.tensor(Tensor(checked: sum.shape, .double(ElementwiseMap.map(values) { $0 / count })))]
        default:
            throw .unsupportedType(sum.elementType)
        }
    }
}
