/// Scaler (ai.onnx.ml 1): `(x - offset) * scale` per feature (the second dimension), as floats.
struct ScalerOperator: Operator {
    let offset: [Float]
    let scale: [Float]

    init(_ spec: NodeSpec) throws(OperatorError) {
        let scale = try spec.attributes.floats("scale") ?? []
        let offset = try spec.attributes.floats("offset") ?? []
        guard !scale.isEmpty || !offset.isEmpty else { throw OperatorError("Scaler needs 'scale' or 'offset'") }
        self.scale = scale.isEmpty ? Array(repeating: 1, count: offset.count) : scale
        self.offset = offset.isEmpty ? Array(repeating: 0, count: scale.count) : offset
        guard self.scale.count == self.offset.count else {
            throw OperatorError("Scaler has \(scale.count) scales but \(offset.count) offsets")
        }
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try inputs.tensor(0)
        guard x.rank > 0 else { throw OperatorError("Scaler needs an input of rank 1 or more, not a scalar") }
        let stride = x.rank == 1 ? x.shape[0] : x.shape[1]
        let perFeature: Bool
        if scale.count == stride {
            perFeature = true
        } else if scale.count == 1 {
            perFeature = false
        } else {
            throw OperatorError(
                "input 0 has \(stride) features; Scaler's \(scale.count) scales and offsets must be that many or one")
        }
        // Dimensions after the second repeat each feature's value, as onnxruntime indexes `i % stride`.
        var output = [Float](repeating: 0, count: x.count)
        func fill<T>(_ values: [T], _ transform: (T, Int) -> Float) {
            output.withUnsafeMutableBufferPointer { output in
                values.withUnsafeBufferPointer { values in
                    for index in 0..<values.count {
                        output[index] = transform(values[index], perFeature ? index % stride : 0)
                    }
                }
            }
        }
        switch x.data {
        case .float(let values): fill(values) { (value, k) in (value - offset[k]) * scale[k] }
        case .double(let values): fill(values) { (value, k) in Float((value - Double(offset[k])) * Double(scale[k])) }
        case .int64(let values): fill(values) { (value, k) in (Float(value) - offset[k]) * scale[k] }
        case .int32(let values): fill(values) { (value, k) in (Float(value) - offset[k]) * scale[k] }
        default: throw .unsupportedType(x.elementType)
        }
        return [.tensor(Tensor(checked: x.shape, .float(output)))]
    }
}

/// Normalizer (ai.onnx.ml 1): divides each row of a matrix (or a vector) by its maximum (MAX), the sum of its
/// absolute values (L1), or its Euclidean norm (L2); a row whose divisor is zero is copied unchanged.
struct NormalizerOperator: Operator {
    enum Norm { case max, l1, l2 }
    let norm: Norm

    init(_ spec: NodeSpec) throws(OperatorError) {
        switch try spec.attributes.string("norm", default: "MAX") {
        case "MAX": norm = .max
        case "L1": norm = .l1
        case "L2": norm = .l2
        case let other: throw OperatorError("Normalizer's norm '\(other)' is not one of MAX, L1 or L2")
        }
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try inputs.tensor(0)
        guard x.rank == 1 || x.rank == 2 else {
            throw OperatorError("input 0 has shape \(x.shape); Normalizer needs a matrix [N, C] or a vector")
        }
        let values = try MLFeatureMatrix.floats(x.data)
        let stride = x.rank == 1 ? x.shape[0] : x.shape[1]
        var output = [Float](repeating: 0, count: x.count)
        // L2 squares in the input's own type (exactly, for integers) before summing in float.
        let squares: [Float]
        if norm == .l2, case .double(let doubles) = x.data {
            squares = doubles.map { Float($0 * $0) }
        } else {
            squares = norm == .l2 ? values.map { $0 * $0 } : []
        }
        guard stride > 0 else { return [.tensor(Tensor(checked: x.shape, .float(output)))] }
        values.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                for row in 0..<x.count / stride {
                    normalize(input, squares, output, offset: row * stride, count: stride)
                }
            }
        }
        return [.tensor(Tensor(checked: x.shape, .float(output)))]
    }

    private func normalize(
        _ input: UnsafeBufferPointer<Float>, _ squares: [Float], _ output: UnsafeMutableBufferPointer<Float>,
        offset: Int, count: Int
    ) {
        var divisor: Float
        switch norm {
        case .max:
            divisor = -Float.greatestFiniteMagnitude
            for k in offset..<offset + count { divisor = Swift.max(divisor, input[k]) }
        case .l1:
            divisor = 0
            for k in offset..<offset + count { divisor += Swift.abs(input[k]) }
        case .l2:
            divisor = 0
            for k in offset..<offset + count { divisor += squares[k] }
        }
        for index in offset..<offset + count {
            let value = input[index]
            if divisor == 0 {
                output[index] = value
            } else if norm == .l2 {
                let root = (squares[index] / divisor).squareRoot()
                output[index] = value < 0 ? -root : root
            } else {
                output[index] = value / divisor
            }
        }
    }
}
