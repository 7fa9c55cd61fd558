/// `Softmax`, `LogSoftmax` and `Hardmax` of float or double tensors.
///
/// From opset 13 they work along the single axis `axis` (default -1). Before, the input is seen as a matrix —
/// the dimensions before `axis` (default 1) make its rows, those from `axis` on its columns — and they work
/// along each row.
struct SoftmaxOperator: Operator {
    enum Kind: Sendable { case softmax, logSoftmax, hardmax }

    let kind: Kind
    let axis: Int
    /// Whether the input is flattened to a matrix at `axis` (opset < 13).
    let flattens: Bool

    static func factory(_ kind: Kind) -> OperatorFactory {
        { spec throws(OperatorError) in
            let flattens = spec.opset < 13
            let axis = try spec.attributes.int("axis", default: flattens ? 1 : -1)
            return SoftmaxOperator(kind: kind, axis: axis, flattens: flattens)
        }
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try inputs.tensor(0)
        let rank = x.rank
        // Flattening accepts axis = rank (a matrix of one column), as opset 1's coercion to 2-D allows.
        let limit = flattens ? rank : rank - 1
        let axis = self.axis < 0 ? self.axis + rank : self.axis
        guard axis >= 0, axis <= limit else {
            throw OperatorError("attribute 'axis' is \(self.axis); it must be in [\(-rank), \(limit)] for rank \(rank)")
        }
        let outer = x.shape[..<axis].reduce(1, *)
        let length = flattens ? x.shape[axis...].reduce(1, *) : x.shape[axis]
        let inner = flattens ? 1 : x.shape[(axis + 1)...].reduce(1, *)
        let layout = SoftmaxLayout(outer: outer, length: length, inner: inner)
        let data: TensorData
        switch x.data {
        case .float(let values): data = .float(layout.apply(kind, values))
        case .double(let values): data = .double(layout.apply(kind, values))
        default: throw .unsupportedType(x.elementType)
        }
        return [.tensor(Tensor(checked: x.shape, data))]
    }
}

/// A tensor seen as `outer` blocks of `length` × `inner` elements, normalized along `length`.
struct SoftmaxLayout {
    let outer: Int
    let length: Int
    let inner: Int

    func apply<T: ElementwiseFloat>(_ kind: SoftmaxOperator.Kind, _ values: [T]) -> [T] {
        guard !values.isEmpty, length > 0 else { return values }
        // Every path writes every element (of a trivial type), so the output starts uninitialized.
        return [T](unsafeUninitializedCapacity: values.count) { output, initialized in
            values.withUnsafeBufferPointer { input in
                guard let input = input.baseAddress, let output = output.baseAddress else { return }
                initialized = values.count
                let block = length * inner
                if inner == 1 {
                    for row in 0..<outer {
                        SoftmaxLayout.row(kind, input + row * block, output + row * block, length)
                    }
                } else {
                    var scratch = [T](repeating: 0, count: 2 * inner)
                    scratch.withUnsafeMutableBufferPointer { scratch in
                        for index in 0..<outer {
                            columns(kind, input + index * block, output + index * block, scratch)
                        }
                    }
                }
            }
        }
    }

    /// One contiguous row of `count` elements.
    @inline(__always)
    private static func row<T: ElementwiseFloat>(
        _ kind: SoftmaxOperator.Kind, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ count: Int
    ) {
        if kind == .hardmax {
            var maximum = x[0]
            var position = 0
            for i in 1..<count where x[i] > maximum {
                maximum = x[i]
                position = i
            }
            y.update(repeating: 0, count: count)
            y[position] = 1
            return
        }
        let maximum = SoftmaxLayout.maximum(x, count)
        for i in 0..<count { y[i] = T.exp(x[i] - maximum) }
        let sum = SoftmaxLayout.sum(y, count)
        if kind == .softmax {
            let scale = 1 / sum
            for i in 0..<count { y[i] *= scale }
        } else {
            let shift = maximum + T.log(sum)
            for i in 0..<count { y[i] = x[i] - shift }
        }
    }

    /// The largest of `count` (> 0) elements, in eight running maxima so that the loop vectorizes.
    @inline(__always)
    static func maximum<T: ElementwiseFloat>(_ x: UnsafePointer<T>, _ count: Int) -> T {
        var m = (x[0], x[0], x[0], x[0], x[0], x[0], x[0], x[0])
        var i = 0
        while i &+ 8 <= count {
            m.0 = max(m.0, x[i])
            m.1 = max(m.1, x[i &+ 1])
            m.2 = max(m.2, x[i &+ 2])
            m.3 = max(m.3, x[i &+ 3])
            m.4 = max(m.4, x[i &+ 4])
            m.5 = max(m.5, x[i &+ 5])
            m.6 = max(m.6, x[i &+ 6])
            m.7 = max(m.7, x[i &+ 7])
            i &+= 8
        }
        var result = max(max(max(m.0, m.1), max(m.2, m.3)), max(max(m.4, m.5), max(m.6, m.7)))
        while i < count {
            result = max(result, x[i])
            i &+= 1
        }
        return result
    }

    /// The sum of `count` elements, in eight running sums so that the loop vectorizes.
    @inline(__always)
    static func sum<T: ElementwiseFloat>(_ x: UnsafePointer<T>, _ count: Int) -> T {
        var s: (T, T, T, T, T, T, T, T) = (0, 0, 0, 0, 0, 0, 0, 0)
        var i = 0
        while i &+ 8 <= count {
            s.0 += x[i]
            s.1 += x[i &+ 1]
            s.2 += x[i &+ 2]
            s.3 += x[i &+ 3]
            s.4 += x[i &+ 4]
            s.5 += x[i &+ 5]
            s.6 += x[i &+ 6]
            s.7 += x[i &+ 7]
            i &+= 8
        }
        var result = ((s.0 + s.1) + (s.2 + s.3)) + ((s.4 + s.5) + (s.6 + s.7))
        while i < count {
            result += x[i]
            i &+= 1
        }
        return result
    }

    /// One block of `length` rows of `inner` elements, normalized down its columns a row at a time (so that
    /// the loops stay contiguous); `scratch` holds 2 × `inner` elements.
    private func columns<T: ElementwiseFloat>(
        _ kind: SoftmaxOperator.Kind, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>,
        _ scratch: UnsafeMutableBufferPointer<T>
    ) {
        guard let maximum = scratch.baseAddress else { return }
        let sum = maximum + inner
        maximum.update(from: x, count: inner)
        if kind == .hardmax {
            var first = [Int](repeating: 0, count: inner)
            for j in 1..<length {
                for k in 0..<inner where x[j * inner + k] > maximum[k] {
                    maximum[k] = x[j * inner + k]
                    first[k] = j
                }
            }
            for j in 0..<length {
                for k in 0..<inner { y[j * inner + k] = first[k] == j ? 1 : 0 }
            }
            return
        }
        for j in 1..<length {
            let row = x + j * inner
            for k in 0..<inner { maximum[k] = max(maximum[k], row[k]) }
        }
        sum.update(repeating: 0, count: inner)
        for j in 0..<length {
            let (input, output) = (x + j * inner, y + j * inner)
            for k in 0..<inner {
                let e = T.exp(input[k] - maximum[k])
                output[k] = e
                sum[k] += e
            }
        }
        if kind == .softmax {
            for k in 0..<inner { sum[k] = 1 / sum[k] }
            for j in 0..<length {
                let output = y + j * inner
                for k in 0..<inner { output[k] *= sum[k] }
            }
        } else {
            for k in 0..<inner { sum[k] = maximum[k] + T.log(sum[k]) }
            for j in 0..<length {
                let (input, output) = (x + j * inner, y + j * inner)
                for k in 0..<inner { output[k] = input[k] - sum[k] }
            }
        }
    }
}
