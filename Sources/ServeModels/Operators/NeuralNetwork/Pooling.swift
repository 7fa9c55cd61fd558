/// MaxPool, AveragePool and LpPool: a reduction over each window of an `N × C × D1 × …` input (1, 2 or 3
/// spatial axes), with strides, dilations, explicit or automatic padding (padding is never read: it only
/// counts towards AveragePool's divisor with `count_include_pad`) and `ceil_mode`. MaxPool can also give
/// each maximum's flat index in the input (`Indices`, row-major or, with `storage_order` 1, column-major).
struct PoolOperator: Operator {
    /// The reduction: the maximum, the mean, or the p-norm.
    enum Kind: Sendable, Equatable {
        case max
        case average(countIncludePad: Bool)
        case lp(p: Float)
    }

    let kind: Kind
    let window: NeuralNetworkWindowAttributes
    let ceilMode: Bool
    let columnMajorIndices: Bool
    /// Whether the node names MaxPool's second output.
    let wantsIndices: Bool

    static func maxPool(_ spec: NodeSpec) throws(OperatorError) -> any Operator {
        let storageOrder = try spec.attributes.int("storage_order", default: 0)
        guard storageOrder == 0 || storageOrder == 1 else {
            throw OperatorError("storage_order \(storageOrder) is neither 0 (row-major) nor 1 (column-major)")
        }
        return try PoolOperator(spec, kind: .max, columnMajorIndices: storageOrder == 1)
    }

    static func averagePool(_ spec: NodeSpec) throws(OperatorError) -> any Operator {
        let countIncludePad = try spec.attributes.int("count_include_pad", default: 0) != 0
        return try PoolOperator(spec, kind: .average(countIncludePad: countIncludePad), columnMajorIndices: false)
    }

    static func lpPool(_ spec: NodeSpec) throws(OperatorError) -> any Operator {
        let p = try spec.attributes.float("p", default: 2)
        guard p > 0 else { throw OperatorError("p \(p) is not positive") }
        return try PoolOperator(spec, kind: .lp(p: p), columnMajorIndices: false)
    }

    private init(_ spec: NodeSpec, kind: Kind, columnMajorIndices: Bool) throws(OperatorError) {
        self.kind = kind
        self.columnMajorIndices = columnMajorIndices
        wantsIndices = spec.outputCount > 1
        window = try NeuralNetworkWindowAttributes(spec)
        guard window.kernelShape != nil else { throw OperatorError("\(spec.opType) needs the kernel_shape attribute") }
        ceilMode = try spec.attributes.int("ceil_mode", default: 0) != 0
        if kind != .max, spec.outputCount > 1 {
            throw OperatorError("\(spec.opType) has one output, not \(spec.outputCount)")
        }
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try inputs.tensor(0)
        guard x.rank >= 3 else {
            throw OperatorError("input 0 has shape \(x.shape); pooling needs N × C × at least one spatial axis")
        }
        let spatial = Array(x.shape.dropFirst(2))
        let kernel = try window.kernel(rank: spatial.count, weights: nil)
        let resolved = try window.forward(input: spatial, kernel: kernel, ceilMode: ceilMode)
        let plan = PoolingPlan(window: try resolved.lifted(), planes: x.shape[0] * x.shape[1])
        let outputShape = Array(x.shape.prefix(2)) + resolved.output
        guard Tensor.elementCount(outputShape) != nil else {
            throw OperatorError("the pool's result of shape \(outputShape) is too large")
        }
        switch kind {
        case .max:
            let order: PoolingPlan.IndexOrder? = wantsIndices ? (columnMajorIndices ? .columnMajor : .rowMajor) : nil
            let values: TensorData
            let indices: [Int64]?
            switch x.data {
            case .float(let v): (values, indices) = wrap(plan.maximum(v, lowest: -.infinity, indices: order))
            case .double(let v): (values, indices) = wrap(plan.maximum(v, lowest: -.infinity, indices: order))
            case .int8(let v): (values, indices) = wrap(plan.maximum(v, lowest: .min, indices: order))
            case .uint8(let v): (values, indices) = wrap(plan.maximum(v, lowest: .min, indices: order))
            default: throw .unsupportedType(x.elementType)
            }
            let output = Value.tensor(Tensor(checked: outputShape, values))
            guard let indices else { return [output] }
            return [output, .tensor(Tensor(checked: outputShape, .int64(indices)))]
        case .average(let countIncludePad):
            switch x.data {
            case .float(let v): return [.tensor(Tensor(checked: outputShape, .float(plan.average(v, countIncludePad))))]
            case .double(let v):
                return [.tensor(Tensor(checked: outputShape, .double(plan.average(v, countIncludePad))))]
            default: throw .unsupportedType(x.elementType)
            }
        case .lp(let p):
            switch x.data {
            case .float(let v): return [.tensor(Tensor(checked: outputShape, .float(plan.lpNorm(v, p: p))))]
            case .double(let v): return [.tensor(Tensor(checked: outputShape, .double(plan.lpNorm(v, p: Double(p)))))]
            default: throw .unsupportedType(x.elementType)
            }
        }
    }

    private func wrap<T: TensorElement>(_ result: (values: [T], indices: [Int64]?)) -> (TensorData, [Int64]?) {
        (T.wrap(result.values), result.indices)
    }
}
