/// Binarizer (ai.onnx.ml 1): 1 where an element is greater than `threshold` (default 0), else 0, in the input's
/// type. A NaN element is an error, as in onnxruntime.
struct BinarizerOperator: Operator {
    let threshold: Float

    init(_ spec: NodeSpec) throws(OperatorError) {
        threshold = try spec.attributes.float("threshold", default: 0)
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try inputs.tensor(0)
        let data: TensorData
        switch x.data {
        case .float(let values):
            if let index = values.firstIndex(where: { $0.isNaN }) { throw nanError(index) }
            data = .float(values.map { $0 > threshold ? 1 : 0 })
        case .double(let values):
            if let index = values.firstIndex(where: { $0.isNaN }) { throw nanError(index) }
            let threshold = Double(self.threshold)
            data = .double(values.map { $0 > threshold ? 1 : 0 })
        case .int64(let values): data = .int64(values.map { Float($0) > threshold ? 1 : 0 })
        case .int32(let values): data = .int32(values.map { Float($0) > threshold ? 1 : 0 })
        default: throw .unsupportedType(x.elementType)
        }
        return [.tensor(Tensor(checked: x.shape, data))]
    }

    private func nanError(_ index: Int) -> OperatorError {
        OperatorError("element \(index) of input 0 is NaN, which Binarizer cannot compare")
    }
}

/// Imputer (ai.onnx.ml 1): replaces the elements equal to the replaced value (NaN matching NaN) by the imputed
/// value of their feature (the second dimension), or by the single imputed value.
struct ImputerOperator: Operator {
    let imputedFloats: [Float]
    let replacedFloat: Float
    let imputedInts: [Int64]
    let replacedInt: Int64

    init(_ spec: NodeSpec) throws(OperatorError) {
        imputedFloats = try spec.attributes.floats("imputed_value_floats") ?? []
        imputedInts = (try spec.attributes.ints("imputed_value_int64s") ?? []).map { Int64($0) }
        guard imputedFloats.isEmpty != imputedInts.isEmpty else {
            throw OperatorError("Imputer needs exactly one of 'imputed_value_floats' and 'imputed_value_int64s'")
        }
        replacedFloat = try spec.attributes.float("replaced_value_float", default: 0)
        replacedInt = Int64(try spec.attributes.int("replaced_value_int64", default: 0))
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try inputs.tensor(0)
        guard x.rank > 0 else { throw OperatorError("Imputer needs an input of rank 1 or more, not a scalar") }
        let stride = x.rank == 1 ? x.shape[0] : x.shape[1]
        let data: TensorData
        switch x.data {
        case .float(let values):
            data = .float(try impute(values, replacedFloat, imputedFloats, stride, isNaN: { $0.isNaN }))
        case .double(let values):
            let imputed = imputedFloats.map { Double($0) }
            data = .double(try impute(values, Double(replacedFloat), imputed, stride, isNaN: { $0.isNaN }))
        case .int64(let values):
            data = .int64(try impute(values, replacedInt, imputedInts, stride, isNaN: { _ in false }))
        case .int32(let values):
            let imputed = imputedInts.map { Int32(truncatingIfNeeded: $0) }
            let replaced = Int32(truncatingIfNeeded: replacedInt)
            data = .int32(try impute(values, replaced, imputed, stride, isNaN: { _ in false }))
        default: throw .unsupportedType(x.elementType)
        }
        return [.tensor(Tensor(checked: x.shape, data))]
    }

    private func impute<T: Equatable>(
        _ values: [T], _ replaced: T, _ imputed: [T], _ stride: Int, isNaN: (T) -> Bool
    ) throws(OperatorError) -> [T] {
        guard !imputed.isEmpty else {
            throw OperatorError("Imputer has no imputed values for a \(T.self) input")
        }
        let perFeature = imputed.count == stride && stride > 0
        let replacedIsNaN = isNaN(replaced)
        var output = values
        for index in 0..<values.count {
            let value = values[index]
            if value == replaced || (replacedIsNaN && isNaN(value)) {
                output[index] = imputed[perFeature ? index % stride : 0]
            }
        }
        return output
    }
}
