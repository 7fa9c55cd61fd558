/// `Clip`: limits each element to [min, max] — attributes before opset 11 (float tensors only; from opset 6 they
/// default to ∓`Float.greatestFiniteMagnitude`), optional scalar inputs 1 and 2 from then on (any numeric type).
/// When min > max every element becomes max; NaN stays NaN.
struct ClipOperator: Operator {
    /// Whether the bounds are attributes (opset < 11) rather than inputs.
    let attributeForm: Bool
    let lowerAttribute: Float?
    let upperAttribute: Float?

    static let factory: OperatorFactory = { spec throws(OperatorError) in
        guard spec.opset < 11 else {
            return ClipOperator(attributeForm: false, lowerAttribute: nil, upperAttribute: nil)
        }
        let limit: Float? = spec.opset >= 6 ? .greatestFiniteMagnitude : nil
        return ClipOperator(
            attributeForm: true, lowerAttribute: try spec.attributes.float("min") ?? limit.map { -$0 },
            upperAttribute: try spec.attributes.float("max") ?? limit)
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try inputs.tensor(0)
        let data: TensorData
        switch x.data {
        case .float(let values): data = .float(clip(values, try bounds(inputs) { $0 }))
        case .double(let values): data = .double(clip(values, try bounds(inputs) { Double($0) }))
        case .int64(let values): data = .int64(clip(values, try bounds(inputs, nil)))
        case .int32(let values): data = .int32(clip(values, try bounds(inputs, nil)))
        case .int16(let values): data = .int16(clip(values, try bounds(inputs, nil)))
        case .int8(let values): data = .int8(clip(values, try bounds(inputs, nil)))
        case .uint64(let values): data = .uint64(clip(values, try bounds(inputs, nil)))
        case .uint32(let values): data = .uint32(clip(values, try bounds(inputs, nil)))
        case .uint16(let values): data = .uint16(clip(values, try bounds(inputs, nil)))
        case .uint8(let values): data = .uint8(clip(values, try bounds(inputs, nil)))
        case .bool, .string: throw .unsupportedType(x.elementType)
        }
        return [.tensor(Tensor(checked: x.shape, data))]
    }

    /// The bounds for elements of type `T`: from the attributes (converted by `convert`, nil for the types the
    /// attribute form does not take) or inputs 1 and 2.
    private func bounds<T: TensorElement & Comparable>(
        _ inputs: [Value?], _ convert: ((Float) -> T)?
    ) throws(OperatorError) -> (lower: T?, upper: T?) {
        if attributeForm {
            guard let convert else { throw .unsupportedType(T.elementType) }
            return (lowerAttribute.map(convert), upperAttribute.map(convert))
        }
        return (try bound(inputs, 1), try bound(inputs, 2))
    }

    private func bound<T: TensorElement>(_ inputs: [Value?], _ index: Int) throws(OperatorError) -> T? {
        guard let tensor = try inputs.optionalTensor(index) else { return nil }
        guard let values = T.unwrap(tensor.data) else {
            throw OperatorError(
                "input \(index) is a \(tensor.elementType) tensor; it must be of input 0's type, \(T.elementType)")
        }
        guard values.count == 1 else {
            throw OperatorError("input \(index) has shape \(tensor.shape); Clip needs a scalar bound")
        }
        return values[0]
    }

    private func clip<T: Comparable>(_ values: [T], _ bounds: (lower: T?, upper: T?)) -> [T] {
        switch bounds {
        case (let lower?, let upper?):
            ElementwiseMap.map(values) { value in
                let raised = value < lower ? lower : value
                return raised > upper ? upper : raised
            }
        case (let lower?, nil): ElementwiseMap.map(values) { $0 < lower ? lower : $0 }
        case (nil, let upper?): ElementwiseMap.map(values) { $0 > upper ? upper : $0 }
        case (nil, nil): values
        }
    }
}
