/// Transpose: input 0 with its axes permuted by `perm` (reversed by default).
struct TransposeOperator: ShapeGroupOperator {
    let perm: [Int]?

    init(_ spec: NodeSpec) throws(OperatorError) {
        perm = try spec.attributes.ints("perm")
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let input = try inputs.tensor(0)
        let perm = self.perm ?? Array((0..<input.rank).reversed())
        guard perm.count == input.rank, perm.sorted() == Array(0..<input.rank) else {
            throw OperatorError("perm \(perm) is not a permutation of the \(input.rank) axes of input \(input.shape)")
        }
        return [.tensor(try Self.transposed(input, perm: perm))]
    }

    /// `input` with its axes permuted: output axis k is input axis `perm[k]`.
    static func transposed(_ input: Tensor, perm: [Int]) throws(OperatorError) -> Tensor {
        let shape = perm.map { input.shape[$0] }
        // Moving only axes of size 1 keeps the elements in order: no copy needed.
        let moved = perm.filter { input.shape[$0] != 1 }
        if moved == moved.sorted() || input.count == 0 { return input.shapeReshaped(shape) }
        let (dimensions, order) = simplified(input.shape, perm: perm)
        if order.last == dimensions.count - 1 {
            // Rows stay rows: the gather kernel copies them whole.
            let tables = tables(dimensions, perm: order)
            return try ShapeGather.run(input, tables: tables).shapeReshaped(shape)
        }
        let data = try input.data.shapeVisit(ShapeBlockedTranspose(dimensions: dimensions, perm: order))
        return Tensor(checked: shape, data)
    }

    /// The same permutation on fewer axes: axes of size 1 dropped, and axes that stay neighbours merged.
    static func simplified(_ shape: [Int], perm: [Int]) -> (dimensions: [Int], perm: [Int]) {
        let kept = shape.indices.filter { shape[$0] != 1 }
        let order = perm.filter { shape[$0] != 1 }.compactMap { kept.firstIndex(of: $0) }
        let dimensions = kept.map { shape[$0] }
        // Runs of the output's axes that are consecutive source axes, each as (first, last) source axis.
        var groups: [(first: Int, last: Int)] = []
        for axis in order {
            if let group = groups.last, axis == group.last + 1 {
                groups[groups.count - 1].last = axis
            } else {
                groups.append((axis, axis))
            }
        }
        let sourceOrder = groups.indices.sorted { groups[$0].first < groups[$1].first }
        let merged = sourceOrder.map { groups[$0] }.map { dimensions[$0.first...$0.last].reduce(1, *) }
        let mergedPerm = groups.indices.compactMap { sourceOrder.firstIndex(of: $0) }
        return (merged, mergedPerm)
    }

    /// Gather tables reading a tensor of `shape` with its axes permuted by `perm`.
    static func tables(_ shape: [Int], perm: [Int]) -> [[Int]] {
        let strides = ShapeSupport.strides(shape)
        return perm.map { axis in (0..<shape[axis]).map { $0 * strides[axis] } }
    }
}

/// DepthToSpace: moves blocks of `blocksize` × `blocksize` channels of an NCHW tensor into space, in `DCR`
/// (depth, column, row; the default) or `CRD` order.
struct DepthToSpaceOperator: ShapeGroupOperator {
    let blockSize: Int
    let columnRowDepth: Bool

    init(_ spec: NodeSpec) throws(OperatorError) {
        guard let blockSize = try spec.attributes.int("blocksize"), blockSize > 0, blockSize < 1 << 30 else {
            throw OperatorError("DepthToSpace needs a positive blocksize attribute (below 2^30)")
        }
        self.blockSize = blockSize
        let mode = try spec.attributes.string("mode", default: "DCR")
        guard mode == "DCR" || mode == "CRD" else {
            throw OperatorError("DepthToSpace's mode '\(mode)' is not DCR or CRD")
        }
        columnRowDepth = mode == "CRD"
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let input = try inputs.tensor(0)
        let block = blockSize
        guard input.rank == 4, input.shape[1] % (block * block) == 0 else {
            throw OperatorError(
                "input 0 has shape \(input.shape); DepthToSpace needs NCHW with channels a multiple of \(block * block)"
            )
        }
        let (n, c, h, w) = (input.shape[0], input.shape[1] / (block * block), input.shape[2], input.shape[3])
        let view = columnRowDepth ? [n, c, block, block, h, w] : [n, block, block, c, h, w]
        let perm = columnRowDepth ? [0, 1, 4, 2, 5, 3] : [0, 3, 4, 1, 5, 2]
        let shape = [n, c, h * block, w * block]
        if input.count == 0 { return [.tensor(input.shapeReshaped(shape))] }
        let moved = try ShapeGather.run(input, tables: TransposeOperator.tables(view, perm: perm))
        return [.tensor(moved.shapeReshaped(shape))]
    }
}

/// SpaceToDepth: moves `blocksize` × `blocksize` blocks of an NCHW tensor's pixels into channels.
struct SpaceToDepthOperator: ShapeGroupOperator {
    let blockSize: Int

    init(_ spec: NodeSpec) throws(OperatorError) {
        guard let blockSize = try spec.attributes.int("blocksize"), blockSize > 0, blockSize < 1 << 30 else {
            throw OperatorError("SpaceToDepth needs a positive blocksize attribute (below 2^30)")
        }
        self.blockSize = blockSize
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let input = try inputs.tensor(0)
        let block = blockSize
        guard input.rank == 4, input.shape[2] % block == 0, input.shape[3] % block == 0 else {
            throw OperatorError(
                "input 0 has shape \(input.shape); SpaceToDepth needs NCHW with height and width multiples of \(block)")
        }
        let (n, c, h, w) = (input.shape[0], input.shape[1], input.shape[2] / block, input.shape[3] / block)
        let view = [n, c, h, block, w, block]
        let shape = [n, c * block * block, h, w]
        if input.count == 0 { return [.tensor(input.shapeReshaped(shape))] }
        let moved = try ShapeGather.run(input, tables: TransposeOperator.tables(view, perm: [0, 3, 5, 1, 2, 4]))
        return [.tensor(moved.shapeReshaped(shape))]
    }
}

/// A transpose whose output rows read the source with a stride: copied in square tiles so that both the
/// reads and the writes of a tile stay in cache.
struct ShapeBlockedTranspose: ShapeElementVisitor {
    /// The source's shape and the permutation (output axis k is source axis `perm[k]`); the source's last axis
    /// is not the output's last.
    let dimensions: [Int]
    let perm: [Int]

    func visit<Element: TensorElement & Equatable>(_ values: [Element]) throws(OperatorError) -> TensorData {
        let rank = dimensions.count
        let outputShape = perm.map { dimensions[$0] }
        let sourceStrides = ShapeSupport.strides(dimensions)
        let outputStrides = ShapeSupport.strides(outputShape)
        // The output axis that runs along the source's rows, and the output's last axis.
        guard let rowAxis = perm.firstIndex(of: rank - 1) else { return Element.wrap(values) }
        let lastAxis = rank - 1
        let others = (0..<rank).filter { $0 != rowAxis && $0 != lastAxis }
        let (rows, columns) = (outputShape[rowAxis], outputShape[lastAxis])
        let rowStride = outputStrides[rowAxis]
        let columnStride = sourceStrides[perm[lastAxis]]
        // Source rows a multiple of 4 KiB apart fall in the same cache set: smaller tiles keep them from
        // evicting one another.
        let strideBytes = columnStride * MemoryLayout<Element>.stride
        let tile = strideBytes % 4096 == 0 ? 8 : (strideBytes % 2048 == 0 ? 16 : 32)
        let total = values.count
        let result = [Element](unsafeUninitializedCapacity: total) { output, initialized in
            values.withUnsafeBufferPointer { source in
                guard let out = output.baseAddress, let src = source.baseAddress, total > 0 else { return }
                var coordinate = [Int](repeating: 0, count: others.count)
                repeat {
                    var sourceBase = 0
                    var outputBase = 0
                    for (index, axis) in others.enumerated() {
                        sourceBase += coordinate[index] * sourceStrides[perm[axis]]
                        outputBase += coordinate[index] * outputStrides[axis]
                    }
                    for rowStart in stride(from: 0, to: rows, by: tile) {
                        let rowEnd = min(rowStart + tile, rows)
                        for columnStart in stride(from: 0, to: columns, by: tile) {
                            let columnEnd = min(columnStart + tile, columns)
                            for row in rowStart..<rowEnd {
                                let target = out + outputBase + row * rowStride
                                let origin = src + sourceBase + row
                                for column in columnStart..<columnEnd {
                                    (target + column).initialize(to: origin[column * columnStride])
                                }
                            }
                        }
                    }
                    var index = others.count - 1
                    while index >= 0 {
                        coordinate[index] += 1
                        if coordinate[index] < outputShape[others[index]] { break }
                        coordinate[index] = 0
                        index -= 1
                    }
                    if index < 0 { break }
                } while true
                initialized = total
            }
        }
        return Element.wrap(result)
    }
}
