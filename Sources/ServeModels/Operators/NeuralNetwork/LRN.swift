/// LRN, local response normalisation across channels: `x / (bias + alpha / size · Σ x²)^beta`, the sum over
/// the `size` channels around each one (`⌊(size − 1) / 2⌋` before, `⌈(size − 1) / 2⌉` after, clipped).
struct LRNOperator: Operator {
    let size: Int
    let alpha: Float
    let beta: Float
    let bias: Float

    static func make(_ spec: NodeSpec) throws(OperatorError) -> any Operator {
        guard let size = try spec.attributes.int("size") else { throw OperatorError("LRN needs the size attribute") }
        guard size >= 1 else { throw OperatorError("size \(size) is below 1") }
        return LRNOperator(
            size: size, alpha: try spec.attributes.float("alpha", default: 1e-4),
            beta: try spec.attributes.float("beta", default: 0.75), bias: try spec.attributes.float("bias", default: 1))
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try inputs.tensor(0)
        guard x.rank >= 3 else { throw OperatorError("input 0 has shape \(x.shape); LRN needs N × C × spatial axes") }
        let layout = (batch: x.shape[0], channels: x.shape[1], plane: x.shape.dropFirst(2).reduce(1, *))
        switch x.data {
        case .float(let v): return [.tensor(Tensor(checked: x.shape, .float(normalize(v, layout))))]
        case .double(let v): return [.tensor(Tensor(checked: x.shape, .double(normalize(v, layout))))]
        default: throw .unsupportedType(x.elementType)
        }
    }

    private func normalize<T: NeuralNetworkScalar>(_ x: [T], _ layout: (batch: Int, channels: Int, plane: Int)) -> [T] {
        let (channels, plane) = (layout.channels, layout.plane)
        let before = (size - 1) / 2
        let after = size - 1 - before
        let (alpha, beta, bias) = (T(alpha) / T(size), T(beta), T(bias))
        var y = [T](repeating: 0, count: x.count)
        var sums = [T](repeating: 0, count: plane)
        x.withUnsafeBufferPointer { x in
            y.withUnsafeMutableBufferPointer { y in
                for image in 0..<layout.batch {
                    let imageStart = image * channels * plane
                    for channel in 0..<channels {
                        for index in 0..<plane { sums[index] = 0 }
                        for neighbour in max(0, channel - before)...min(channels - 1, channel + after) {
                            let start = imageStart + neighbour * plane
                            for index in 0..<plane { sums[index] += x[start + index] * x[start + index] }
                        }
                        let start = imageStart + channel * plane
                        for index in 0..<plane { sums[index] = bias + alpha * sums[index] }
                        // The common exponents without pow.
                        switch beta {
                        case 0.5:
                            for index in 0..<plane { y[start + index] = x[start + index] / sums[index].squareRoot() }
                        case 0.75:
                            for index in 0..<plane {
                                let root = sums[index].squareRoot()
                                y[start + index] = x[start + index] / (root * root.squareRoot())
                            }
                        case 1:
                            for index in 0..<plane { y[start + index] = x[start + index] / sums[index] }
                        default:
                            for index in 0..<plane { y[start + index] = x[start + index] / T.power(sums[index], beta) }
                        }
                    }
                }
            }
        }
        return y
    }
}
