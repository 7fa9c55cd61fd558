/// TopK: the `k` largest (or, with `largest` 0, smallest) elements of input 0 along `axis`, and their int64
/// indices; equal elements keep index order. `k` is an attribute before opset 10 and input 1 from then on.
struct TopKOperator: ShapeGroupOperator {
    let axis: Int
    let largest: Bool
    let kAttribute: Int?

    init(_ spec: NodeSpec) throws(OperatorError) {
        axis = try spec.attributes.int("axis", default: -1)
        largest = try spec.attributes.int("largest", default: 1) != 0
        // Unsorted results may come in any order; sorted ones are as cheap here, so `sorted` is not read.
        if spec.opset < 10 {
            guard let k = try spec.attributes.int("k") else { throw OperatorError("TopK before opset 10 needs k") }
            kAttribute = k
        } else {
            kAttribute = nil
        }
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let input = try inputs.tensor(0)
        var k = kAttribute ?? 0
        if kAttribute == nil { k = try ShapeSupport.scalarInteger(try inputs.tensor(1), input: 1, name: "k") }
        let axis = try ShapeSupport.axis(self.axis, rank: input.rank)
        let length = input.shape[axis]
        guard k >= 0, k <= length else {
            throw OperatorError("k is \(k); axis \(axis) of input \(input.shape) has \(length) elements")
        }
        var shape = input.shape
        shape[axis] = k
        if input.count == 0 || k == 0 {
            let empty = Tensor(checked: shape, input.data.picking([]))
            return [.tensor(empty), .tensor(Tensor(checked: shape, .int64([])))]
        }
        let layout = try ShapeAxisLayout(input.shape, axis: axis)
        let (values, indices) = try input.data.shapeVisitNumeric(
            ShapeTopK(layout: layout, k: k, largest: largest), input: 0)
        return [.tensor(Tensor(checked: shape, values)), .tensor(Tensor(checked: shape, .int64(indices)))]
    }
}

/// A tensor seen as `outer` × `length` × `inner` around one axis.
struct ShapeAxisLayout {
    let outer: Int
    let length: Int
    let inner: Int

    init(_ shape: [Int], axis: Int) throws(OperatorError) {
        outer = try ShapeSupport.product(shape, 0..<axis)
        length = shape[axis]
        inner = try ShapeSupport.product(shape, (axis + 1)..<shape.count)
    }
}

/// The top `k` of each line along the axis, values and indices.
struct ShapeTopK: ShapeNumericVisitor {
    let layout: ShapeAxisLayout
    let k: Int
    let largest: Bool

    func visit<Element: ShapeNumber>(_ values: [Element]) throws(OperatorError) -> (TensorData, [Int64]) {
        let (outer, length, inner) = (layout.outer, layout.length, layout.inner)
        var resultValues = [Element](repeating: .shapeZero, count: outer * k * inner)
        var resultIndices = [Int64](repeating: 0, count: outer * k * inner)
        var line = [Element](repeating: .shapeZero, count: length)
        var order = Array(0..<length)
        let largest = self.largest
        // NaN ranks above every number, as numpy's sort places it.
        func before(_ a: Int, _ b: Int) -> Bool {
            let (x, y) = (line[a], line[b])
            if x == y || (x.shapeIsNaN && y.shapeIsNaN) { return a < b }
            if x.shapeIsNaN { return largest }
            if y.shapeIsNaN { return !largest }
            return largest ? x > y : x < y
        }
        for row in 0..<outer {
            for column in 0..<inner {
                let base = row * length * inner + column
                for index in 0..<length { line[index] = values[base + index * inner] }
                for index in 0..<length { order[index] = index }
                if k < length / 8 {
                    Self.selectFirst(k, of: &order, by: before)
                } else {
                    order.sort(by: before)
                }
                for rank in 0..<k {
                    let target = (row * k + rank) * inner + column
                    resultValues[target] = line[order[rank]]
                    resultIndices[target] = Int64(order[rank])
                }
            }
        }
        return (Element.wrap(resultValues), resultIndices)
    }

    /// Puts the first `k` elements of `order` by `before`, sorted, at its start (the rest in no order): one
    /// pass with a small sorted buffer, cheaper than a full sort when `k` is small.
    static func selectFirst(_ k: Int, of order: inout [Int], by before: (Int, Int) -> Bool) {
        guard k > 0 else { return }
        var best: [Int] = []
        best.reserveCapacity(k + 1)
        for candidate in order {
            if best.count == k, let last = best.last, !before(candidate, last) { continue }
            var position = best.count
            while position > 0, before(candidate, best[position - 1]) { position -= 1 }
            best.insert(candidate, at: position)
            if best.count > k { best.removeLast() }
        }
        for index in 0..<k { order[index] = best[index] }
    }
}

/// ArgMax: the int64 index of the largest element of input 0 along `axis` (the first or, with
/// `select_last_index`, the last of equals), the axis kept as size 1 unless `keepdims` is 0.
struct ArgMaxOperator: ShapeGroupOperator {
    let options: ShapeArgOptions

    init(_ spec: NodeSpec) throws(OperatorError) {
        options = try ShapeArgOptions(spec, largest: true)
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        [.tensor(try options.run(try inputs.tensor(0)))]
    }
}

/// ArgMin: as ArgMax, for the smallest element.
struct ArgMinOperator: ShapeGroupOperator {
    let options: ShapeArgOptions

    init(_ spec: NodeSpec) throws(OperatorError) {
        options = try ShapeArgOptions(spec, largest: false)
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        [.tensor(try options.run(try inputs.tensor(0)))]
    }
}

/// ArgMax's and ArgMin's attributes, and the computation they share.
struct ShapeArgOptions {
    let axis: Int
    let keepDims: Bool
    let selectLast: Bool
    let largest: Bool

    init(_ spec: NodeSpec, largest: Bool) throws(OperatorError) {
        axis = try spec.attributes.int("axis", default: 0)
        keepDims = try spec.attributes.int("keepdims", default: 1) != 0
        selectLast = try spec.attributes.int("select_last_index", default: 0) != 0
        self.largest = largest
    }

    func run(_ input: Tensor) throws(OperatorError) -> Tensor {
        let axis = try ShapeSupport.axis(self.axis, rank: input.rank)
        guard input.shape[axis] > 0 else {
            throw OperatorError("axis \(axis) of input \(input.shape) is empty; it has no extreme element")
        }
        var shape = input.shape
        if keepDims { shape[axis] = 1 } else { shape.remove(at: axis) }
        if input.count == 0 { return Tensor(checked: shape, .int64([])) }
        let layout = try ShapeAxisLayout(input.shape, axis: axis)
        let indices = try input.data.shapeVisitNumeric(
            ShapeArgExtreme(layout: layout, largest: largest, selectLast: selectLast), input: 0)
        return Tensor(checked: shape, .int64(indices))
    }
}

/// The index of the extreme element of each line along the axis.
struct ShapeArgExtreme: ShapeNumericVisitor {
    let layout: ShapeAxisLayout
    let largest: Bool
    let selectLast: Bool

    func visit<Element: ShapeNumber>(_ values: [Element]) throws(OperatorError) -> [Int64] {
        if largest {
            selectLast ? extremes(values, { $0 >= $1 }) : extremes(values, { $0 > $1 })
        } else {
            selectLast ? extremes(values, { $0 <= $1 }) : extremes(values, { $0 < $1 })
        }
    }

    /// The index of the element of each line that `better` prefers to every one before it.
    @inline(__always)
    private func extremes<Element: ShapeNumber>(
        _ values: [Element], _ better: (Element, Element) -> Bool
    ) -> [Int64] {
        let (outer, length, inner) = (layout.outer, layout.length, layout.inner)
        var result = [Int64](repeating: 0, count: outer * inner)
        var best = [Element](repeating: .shapeZero, count: inner)
        values.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { indices in
                best.withUnsafeMutableBufferPointer { best in
                    for row in 0..<outer {
                        let base = row * length * inner
                        if inner == 1 {
                            var bestValue = source[base]
                            var bestIndex = 0
                            for index in 1..<length where better(source[base + index], bestValue) {
                                bestValue = source[base + index]
                                bestIndex = index
                            }
                            indices[row] = Int64(bestIndex)
                            continue
                        }
                        // Lines run across `inner`, so each pass over the axis reads memory in order.
                        for column in 0..<inner { best[column] = source[base + column] }
                        for index in 1..<length {
                            let start = base + index * inner
                            for column in 0..<inner where better(source[start + column], best[column]) {
                                best[column] = source[start + column]
                                indices[row * inner + column] = Int64(index)
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}
