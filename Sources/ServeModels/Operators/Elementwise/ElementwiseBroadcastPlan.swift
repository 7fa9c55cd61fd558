/// How to walk operands broadcast together NumPy-style in contiguous runs: the output is cut into rows of
/// `rowLength` elements, along which each operand either advances (step 1) or repeats one element (step 0).
///
/// Adjacent axes along which the operands broadcast alike are merged first, so equal shapes make one row, a
/// bias of shape `[C]` against `[N, C]` makes `N` rows of `C`, and a scalar against anything makes one row: the
/// inner loops run over plain pointers whatever the shapes, where `Broadcasting.sourceIndices` would build an
/// index per output element and operand.
struct ElementwiseBroadcastPlan {
    /// The shape of the output.
    let shape: [Int]
    /// The number of output elements.
    let count: Int
    /// The number of operands.
    let operands: Int
    /// The number of rows, and the elements in each.
    let rowCount: Int
    let rowLength: Int
    /// Bit i is set when operand i advances along a row; clear when it repeats one element.
    let advancing: UInt64
    /// The merged axes before the last, which the rows run through, and each operand's stride along them (0
    /// where it broadcasts).
    let outer: [Int]
    let strides: [[Int]]

    /// The plan for operands of `shapes`; throws when they do not broadcast or the result is too large.
    init(_ shapes: [[Int]]) throws(OperatorError) {
        // The common cases first, cheaply: each operand has the output's shape (give or take leading 1s) or is
        // one element.
        if let widest = shapes.max(by: { $0.count < $1.count }), let count = Tensor.elementCount(widest), count > 0,
            shapes.allSatisfy({ ElementwiseBroadcastPlan.fills($0, widest) || $0.allSatisfy { $0 == 1 } })
        {
            self.shape = widest
            self.count = count
            operands = shapes.count
            rowCount = 1
            rowLength = count
            advancing = ElementwiseBroadcastPlan.bits(shapes.indices) {
                ElementwiseBroadcastPlan.fills(shapes[$0], widest)
            }
            outer = []
            strides = []
            return
        }
        guard let shape = Broadcasting.shape(shapes) else {
            let list = shapes.map { "\($0)" }.joined(separator: ", ")
            throw OperatorError("inputs of shapes \(list) do not broadcast together")
        }
        guard let count = Tensor.elementCount(shape) else {
            throw OperatorError("the broadcast shape \(shape) has too many elements")
        }
        self.shape = shape
        self.count = count
        operands = shapes.count
        let rank = shape.count
        // Merged axes (output dimensions other than 1), with which operands have them in full.
        var dimensions: [Int] = []
        var full: [[Bool]] = []
        for axis in 0..<rank where shape[axis] != 1 {
            let pattern = shapes.map { operand in
                let index = axis - (rank - operand.count)
                return index >= 0 && operand[index] != 1
            }
            if let last = full.last, last == pattern {
                dimensions[dimensions.count - 1] *= shape[axis]
            } else {
                dimensions.append(shape[axis])
                full.append(pattern)
            }
        }
        guard count > 0, let inner = dimensions.last, let innerFull = full.last else {
            // A scalar output (one row of one element) or an empty one (no rows).
            rowCount = count
            rowLength = 1
            advancing = 0
            outer = []
            strides = []
            return
        }
        rowLength = inner
        rowCount = count / inner
        advancing = ElementwiseBroadcastPlan.bits(shapes.indices) { innerFull[$0] }
        let outer = Array(dimensions.dropLast())
        self.outer = outer
        strides = shapes.indices.map { operand in
            var strides = [Int](repeating: 0, count: outer.count)
            var step = innerFull[operand] ? inner : 1
            for axis in stride(from: outer.count - 1, through: 0, by: -1) where full[axis][operand] {
                strides[axis] = step
                step *= outer[axis]
            }
            return strides
        }
    }

    /// Whether `operand` is `shape` but for leading 1s it lacks (and so has all of its elements).
    private static func fills(_ operand: [Int], _ shape: [Int]) -> Bool {
        let missing = shape.count - operand.count
        return missing >= 0 && shape[..<missing].allSatisfy { $0 == 1 } && shape[missing...].elementsEqual(operand)
    }

    /// A mask of the operands (up to 64) for which `holds` is true.
    private static func bits(_ operands: Range<Int>, _ holds: (Int) -> Bool) -> UInt64 {
        var bits: UInt64 = 0
        for operand in operands where holds(operand) { bits |= 1 << operand }
        return bits
    }

    /// For each operand, 1 when it advances along a row, 0 when it repeats one element.
    var steps: [Int] { (0..<operands).map { Int(advancing >> $0 & 1) } }

    /// Where each row starts in each operand, moved on row by row (an odometer over the outer axes).
    struct Cursor {
        let outer: [Int]
        let strides: [[Int]]
        var position: [Int]
        /// The index of the current row's first element in each operand.
        var offsets: [Int]

        @inline(__always)
        mutating func advance() {
            var axis = outer.count - 1
            while axis >= 0 {
                position[axis] += 1
                for operand in offsets.indices { offsets[operand] += strides[operand][axis] }
                if position[axis] < outer[axis] { return }
                for operand in offsets.indices { offsets[operand] -= strides[operand][axis] * outer[axis] }
                position[axis] = 0
                axis -= 1
            }
        }
    }

    /// A cursor at the first row.
    func cursor() -> Cursor {
        Cursor(
            outer: outer, strides: strides, position: Array(repeating: 0, count: outer.count),
            offsets: Array(repeating: 0, count: operands))
    }

    /// For each operand, where each row starts in it.
    var rowStarts: [[Int]] {
        var cursor = cursor()
        var starts = Array(repeating: [Int](), count: operands)
        for _ in 0..<rowCount {
            for operand in starts.indices { starts[operand].append(cursor.offsets[operand]) }
            cursor.advance()
        }
        return starts
    }

    /// `operation` applied to each pair of elements of `a` and `b` (the plan's two operands).
    @inline(__always)
    func combine<A, B, Result>(_ a: [A], _ b: [B], _ operation: (A, B) -> Result) -> [Result] {
        guard count > 0 else { return [] }
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    // Plain pointers and a 0-based index keep the inner loops free of overflow checks, so that
                    // they vectorize.
                    guard let a = a.baseAddress, let b = b.baseAddress, let output = buffer.baseAddress else { return }
                    let length = rowLength
                    let (advancesA, advancesB) = (advancing & 1 != 0, advancing & 2 != 0)
                    func row(_ index: Int, _ x: UnsafePointer<A>, _ y: UnsafePointer<B>) {
                        let z = output + index * length
                        switch (advancesA, advancesB) {
                        case (true, true):
                            for k in 0..<length { (z + k).initialize(to: operation(x[k], y[k])) }
                        case (true, false):
                            let y = y.pointee
                            for k in 0..<length { (z + k).initialize(to: operation(x[k], y)) }
                        case (false, true):
                            let x = x.pointee
                            for k in 0..<length { (z + k).initialize(to: operation(x, y[k])) }
                        case (false, false):
                            z.initialize(repeating: operation(x.pointee, y.pointee), count: length)
                        }
                    }
                    if outer.isEmpty {
                        row(0, a, b)
                    } else {
                        var cursor = cursor()
                        for index in 0..<rowCount {
                            row(index, a + cursor.offsets[0], b + cursor.offsets[1])
                            cursor.advance()
                        }
                    }
                    initialized = count
                }
            }
        }
    }

    /// `operation` applied to each triple of elements of `a`, `b` and `c` (the plan's three operands).
    @inline(__always)
    func combine<A, B, C, Result>(
        _ a: [A], _ b: [B], _ c: [C], _ operation: (A, B, C) -> Result
    ) -> [Result] {
        guard count > 0 else { return [] }
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeBufferPointer { c in
                        guard let a = a.baseAddress, let b = b.baseAddress, let c = c.baseAddress,
                            let output = buffer.baseAddress
                        else { return }
                        let length = rowLength
                        let (aStep, bStep, cStep) = (steps[0], steps[1], steps[2])
                        func row(_ index: Int, _ x: UnsafePointer<A>, _ y: UnsafePointer<B>, _ w: UnsafePointer<C>) {
                            let z = output + index * length
                            if aStep == 1, bStep == 1, cStep == 1 {
                                for k in 0..<length { (z + k).initialize(to: operation(x[k], y[k], w[k])) }
                            } else {
                                for k in 0..<length {
                                    (z + k).initialize(to: operation(x[k &* aStep], y[k &* bStep], w[k &* cStep]))
                                }
                            }
                        }
                        if outer.isEmpty {
                            row(0, a, b, c)
                        } else {
                            var cursor = cursor()
                            for index in 0..<rowCount {
                                row(index, a + cursor.offsets[0], b + cursor.offsets[1], c + cursor.offsets[2])
                                cursor.advance()
                            }
                        }
                        initialized = count
                    }
                }
            }
        }
    }
}
