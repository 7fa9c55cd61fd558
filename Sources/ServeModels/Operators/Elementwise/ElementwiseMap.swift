/// A function of one floating-point element: the body of a unary operator such as `Exp` or `Sigmoid`.
/// Kernels are structs, so each operator is specialized for its kernel; their `apply` is `@inline(__always)`,
/// so that the loops call nothing and vectorize.
protocol ElementwiseFloatKernel: Sendable {
    func apply<T: ElementwiseFloat>(_ x: T) -> T
}

/// A function of one element of any numeric type, such as `Abs`.
protocol ElementwiseNumericKernel: ElementwiseFloatKernel {
    func apply<T: FixedWidthInteger>(integer x: T) -> T
}

/// Contiguous loops that map arrays elementwise.
enum ElementwiseMap {
    /// `transform` of each element of `values`, in order.
    @inline(__always)
    static func map<Element, Result>(_ values: [Element], _ transform: (Element) -> Result) -> [Result] {
        [Result](unsafeUninitializedCapacity: values.count) { output, initialized in
            values.withUnsafeBufferPointer { input in
                guard let input = input.baseAddress, let output = output.baseAddress else { return }
                for index in 0..<values.count { (output + index).initialize(to: transform(input[index])) }
                initialized = values.count
            }
        }
    }

    /// The kernel applied to each element of float or double `data`.
    static func floats<Kernel: ElementwiseFloatKernel>(
        _ data: TensorData, _ kernel: Kernel
    ) throws(OperatorError) -> TensorData {
        switch data {
        case .float(let values): .float(map(values) { kernel.apply($0) })
        case .double(let values): .double(map(values) { kernel.apply($0) })
        default: throw .unsupportedType(data.elementType)
        }
    }

    /// The kernel applied to each element of numeric `data`.
    static func numbers<Kernel: ElementwiseNumericKernel>(
        _ data: TensorData, _ kernel: Kernel
    ) throws(OperatorError) -> TensorData {
        switch data {
        case .float(let values): .float(map(values) { kernel.apply($0) })
        case .double(let values): .double(map(values) { kernel.apply($0) })
        case .int64(let values): .int64(map(values) { kernel.apply(integer: $0) })
        case .int32(let values): .int32(map(values) { kernel.apply(integer: $0) })
        case .int16(let values): .int16(map(values) { kernel.apply(integer: $0) })
        case .int8(let values): .int8(map(values) { kernel.apply(integer: $0) })
        case .uint64(let values): .uint64(map(values) { kernel.apply(integer: $0) })
        case .uint32(let values): .uint32(map(values) { kernel.apply(integer: $0) })
        case .uint16(let values): .uint16(map(values) { kernel.apply(integer: $0) })
        case .uint8(let values): .uint8(map(values) { kernel.apply(integer: $0) })
        case .bool, .string: throw .unsupportedType(data.elementType)
        }
    }
}

/// A unary operator: a kernel applied to each element.
///
/// Not generic over the kernel: a generic operator's `run`, called through `any Operator`, would run
/// unspecialized (every element through witness tables). The generic initializers run where the kernel's type
/// is known, so the closure they keep is specialized.
struct ElementwiseUnaryOperator: Operator {
    let transform: @Sendable (TensorData) throws(OperatorError) -> TensorData

    /// The operator of a kernel that takes floats and doubles.
    init<Kernel: ElementwiseFloatKernel>(floats kernel: Kernel) {
        transform = { data throws(OperatorError) in try ElementwiseMap.floats(data, kernel) }
    }

    /// The operator of a kernel that takes every numeric type.
    init<Kernel: ElementwiseNumericKernel>(numbers kernel: Kernel) {
        transform = { data throws(OperatorError) in try ElementwiseMap.numbers(data, kernel) }
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try inputs.tensor(0)
        return [.tensor(Tensor(checked: x.shape, try transform(x.data)))]
    }
}

extension ElementwiseMap {
    /// A factory of a float operator that takes no attributes.
    static func floatFactory<Kernel: ElementwiseFloatKernel>(_ kernel: Kernel) -> OperatorFactory {
        let made = ElementwiseUnaryOperator(floats: kernel)
        return { _ in made }
    }

    /// A factory of a numeric operator that takes no attributes.
    static func numericFactory<Kernel: ElementwiseNumericKernel>(_ kernel: Kernel) -> OperatorFactory {
        let made = ElementwiseUnaryOperator(numbers: kernel)
        return { _ in made }
    }
}
