import ServeModels

/// Compares a computed tensor with ONNX's expected one within the backend tests' tolerances
/// (|actual - expected| ≤ 1e-7 + 1e-3·|expected|, NaN equal to NaN).
enum TensorComparison {
    static let relativeTolerance = 1e-3
    static let absoluteTolerance = 1e-7

    /// Nil when the tensors agree, else the first difference.
    static func difference(_ actual: Tensor, _ expected: Tensor) -> String? {
        if actual.shape != expected.shape { return "shape \(actual.shape), expected \(expected.shape)" }
        if actual.elementType != expected.elementType {
            return "element type \(actual.elementType), expected \(expected.elementType)"
        }
        if let strings = actual.values(as: String.self) {
            return strings == expected.values(as: String.self) ? nil : "strings differ"
        }
        guard let a = doubles(actual.data), let b = doubles(expected.data) else { return "values cannot be compared" }
        for index in 0..<a.count {
            if a[index] == b[index] || (a[index].isNaN && b[index].isNaN) { continue }
            if !(abs(a[index] - b[index]) <= absoluteTolerance + relativeTolerance * abs(b[index])) {
                return "element \(index) is \(a[index]), expected \(b[index])"
            }
        }
        return nil
    }

    private static func doubles(_ data: TensorData) -> [Double]? {
        switch data {
        case .float(let values): values.map(Double.init)
        case .double(let values): values
        case .int64(let values): values.map(Double.init)
        case .int32(let values): values.map(Double.init)
        case .int16(let values): values.map(Double.init)
        case .int8(let values): values.map(Double.init)
        case .uint64(let values): values.map(Double.init)
        case .uint32(let values): values.map(Double.init)
        case .uint16(let values): values.map(Double.init)
        case .uint8(let values): values.map(Double.init)
        case .bool(let values): values.map { $0 ? 1 : 0 }
        case .string: nil
        }
    }
}
