/// GlobalAveragePool and GlobalMaxPool: the mean or the maximum of each `N × C` plane of the input, kept as
/// an `N × C × 1 × …` tensor of the input's rank.
struct GlobalPoolOperator: Operator {
    let maximum: Bool

    static func makeAverage(_ spec: NodeSpec) throws(OperatorError) -> any Operator {
        GlobalPoolOperator(maximum: false)
    }

    static func makeMax(_ spec: NodeSpec) throws(OperatorError) -> any Operator { GlobalPoolOperator(maximum: true) }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try inputs.tensor(0)
        guard x.rank >= 2 else {
            throw OperatorError("input 0 has shape \(x.shape); global pooling needs N × C × spatial axes")
        }
        let planes = x.shape[0] * x.shape[1]
        let planeSize = x.shape.dropFirst(2).reduce(1, *)
        if !maximum && planeSize == 0 {
            throw OperatorError("input 0 has shape \(x.shape); the mean of an empty plane is undefined")
        }
        let outputShape = Array(x.shape.prefix(2)) + [Int](repeating: 1, count: x.rank - 2)
        let result: TensorData
        switch x.data {
        case .float(let v): result = .float(reduce(v, planes: planes, size: planeSize))
        case .double(let v): result = .double(reduce(v, planes: planes, size: planeSize))
        default: throw .unsupportedType(x.elementType)
        }
        return [.tensor(Tensor(checked: outputShape, result))]
    }

    private func reduce<T: NeuralNetworkScalar>(_ x: [T], planes: Int, size: Int) -> [T] {
        var result = [T](repeating: maximum ? -.infinity : 0, count: planes)
        x.withUnsafeBufferPointer { x in
            guard let x = x.baseAddress else { return }
            for plane in 0..<planes {
                let start = x + plane * size
                if maximum {
                    var best = -T.infinity
                    for index in 0..<size { best = Swift.max(best, start[index]) }
                    result[plane] = best
                } else {
                    result[plane] = NeuralNetworkMath.sum(start, size) / T(size)
                }
            }
        }
        return result
    }
}
