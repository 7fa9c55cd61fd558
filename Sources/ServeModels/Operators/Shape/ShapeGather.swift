/// The copying kernel behind most shape operators: a new tensor each of whose elements is read from a source
/// at an offset that is a sum of one term per output axis.
///
/// `tables[k][i]` is what coordinate `i` of output axis `k` adds to the source offset, or -1 when that
/// coordinate lies in padding (the element is then `fill`). Transpose, Slice, Expand, Tile, Pad, Gather,
/// Compress, Split and DepthToSpace are each a choice of tables; the kernel copies contiguous runs in one go.
struct ShapeGather: ShapeElementVisitor {
    /// One table per output axis; the output's shape is their lengths.
    let tables: [[Int]]
    /// One element of the source's type, for coordinates marked -1.
    let fill: TensorData?

    init(tables: [[Int]], fill: TensorData? = nil) {
        self.tables = tables
        self.fill = fill
    }

    /// The gathered elements of `source` as a tensor.
    static func run(_ source: Tensor, tables: [[Int]], fill: TensorData? = nil) throws(OperatorError) -> Tensor {
        let data = try source.data.shapeVisit(ShapeGather(tables: tables, fill: fill))
        return Tensor(checked: tables.map(\.count), data)
    }

    /// Tables that read a tensor of `shape` unchanged (each axis's coordinates times its stride).
    static func identityTables(_ shape: [Int]) -> [[Int]] {
        let strides = ShapeSupport.strides(shape)
        return shape.indices.map { axis in (0..<shape[axis]).map { $0 * strides[axis] } }
    }

    func visit<Element: TensorElement & Equatable>(_ values: [Element]) throws(OperatorError) -> TensorData {
        guard let total = Tensor.elementCount(tables.map(\.count)) else {
            throw OperatorError("the output would hold too many elements")
        }
        if total == 0 { return Element.wrap([]) }
        if tables.isEmpty { return Element.wrap(Array(values.prefix(1))) }
        let fillValue = fill.flatMap { Element.unwrap($0)?.first }
        let tables = Self.mergingShortTrailingAxes(tables)
        let inner = tables[tables.count - 1]
        let outer = Array(tables.dropLast())
        if fillValue == nil, tables.contains(where: { $0.contains(-1) }) {
            throw OperatorError("padding needs a value of the input's type")
        }
        let runs = Self.runs(inner)
        // Copy run by run when runs are long enough to pay for it, else element by element.
        let byRuns = runs.count * 4 <= inner.count
        let innerPads = inner.contains(-1)
        let width = inner.count
        let result = [Element](unsafeUninitializedCapacity: total) { output, initialized in
            values.withUnsafeBufferPointer { source in
                inner.withUnsafeBufferPointer { offsets in
                    guard let out = output.baseAddress, let src = source.baseAddress else { return }
                    var coordinate = [Int](repeating: 0, count: outer.count)
                    var position = 0
                    while position < total {
                        var base = 0
                        var padded = false
                        for axis in outer.indices {
                            let offset = outer[axis][coordinate[axis]]
                            if offset < 0 { padded = true }
                            base += offset
                        }
                        let row = out + position
                        if padded, let fillValue {
                            row.initialize(repeating: fillValue, count: width)
                        } else if byRuns {
                            for run in runs {
                                if run.offset < 0, let fillValue {
                                    (row + run.start).initialize(repeating: fillValue, count: run.count)
                                } else {
                                    (row + run.start).initialize(from: src + base + run.offset, count: run.count)
                                }
                            }
                        } else if innerPads, let fillValue {
                            for index in 0..<width {
                                let offset = offsets[index]
                                (row + index).initialize(to: offset < 0 ? fillValue : src[base + offset])
                            }
                        } else {
                            for index in 0..<width { (row + index).initialize(to: src[base + offsets[index]]) }
                        }
                        position += width
                        var axis = outer.count - 1
                        while axis >= 0 {
                            coordinate[axis] += 1
                            if coordinate[axis] < outer[axis].count { break }
                            coordinate[axis] = 0
                            axis -= 1
                        }
                    }
                    initialized = total
                }
            }
        }
        return Element.wrap(result)
    }

    /// A table cut into runs of consecutive source offsets (or of padding, offset -1).
    private static func runs(_ table: [Int]) -> [(start: Int, offset: Int, count: Int)] {
        var runs: [(start: Int, offset: Int, count: Int)] = []
        for (index, offset) in table.enumerated() {
            if let last = runs.last,
                offset < 0 ? last.offset < 0 : (last.offset >= 0 && offset == last.offset + last.count)
            {
                runs[runs.count - 1].count += 1
            } else {
                runs.append((index, offset, 1))
            }
        }
        return runs
    }

    /// Tables whose short last axes are folded into the one before, so that the inner loop runs long.
    private static func mergingShortTrailingAxes(_ tables: [[Int]]) -> [[Int]] {
        var tables = tables
        while tables.count >= 2 {
            let inner = tables[tables.count - 1]
            let outer = tables[tables.count - 2]
            guard inner.count < 256, outer.count * inner.count <= 65_536 else { break }
            var merged: [Int] = []
            merged.reserveCapacity(outer.count * inner.count)
            for a in outer {
                for b in inner {
                    merged.append(a < 0 || b < 0 ? -1 : a + b)
                }
            }
            tables.removeLast(2)
            tables.append(merged)
        }
        return tables
    }
}
