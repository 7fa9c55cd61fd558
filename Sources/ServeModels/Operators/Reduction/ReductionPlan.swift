/// How to reduce a tensor over some axes with one simple loop: the data (transposed when the reduced axes
/// are scattered), seen as `outer` × `length` × `inner` where the middle axis is reduced.
struct ReductionPlan {
    /// The elements to reduce, laid out as `outer` × `length` × `inner`.
    let source: Tensor
    let outer: Int
    let length: Int
    let inner: Int
    /// The result's shape.
    let outputShape: [Int]

    /// A plan reducing `input` over `axes` (normalized, distinct; empty reduces nothing).
    init(_ input: Tensor, axes: [Int], keepDims: Bool) throws(OperatorError) {
        let shape = input.shape
        outputShape = shape.indices.compactMap { axis in
            axes.contains(axis) ? (keepDims ? 1 : nil) : shape[axis]
        }
        if input.count == 0 {
            // Each output reduces no elements (and products of the other dimensions may overflow).
            source = input
            (outer, length, inner) = (try ShapeSupport.count(outputShape), 0, 1)
            return
        }
        // Axes of size 1 do not change the layout; runs of reduced (or of kept) axes merge into one.
        var groups: [(reduced: Bool, size: Int)] = []
        for axis in shape.indices where shape[axis] != 1 {
            let reduced = axes.contains(axis)
            if let last = groups.last, last.reduced == reduced {
                groups[groups.count - 1].size *= shape[axis]
            } else {
                groups.append((reduced, shape[axis]))
            }
        }
        let pattern = groups.map(\.reduced)
        let sizes = groups.map(\.size)
        switch pattern {
        case []: (outer, length, inner) = (1, 1, 1)
        case [false]: (outer, length, inner) = (sizes[0], 1, 1)
        case [true]: (outer, length, inner) = (1, sizes[0], 1)
        case [false, true]: (outer, length, inner) = (sizes[0], sizes[1], 1)
        case [true, false]: (outer, length, inner) = (1, sizes[0], sizes[1])
        case [false, true, false]: (outer, length, inner) = (sizes[0], sizes[1], sizes[2])
        default:
            // Kept and reduced axes alternate: move the reduced ones last so that each output's inputs are
            // contiguous.
            let kept = shape.indices.filter { !axes.contains($0) }
            let reduced = shape.indices.filter { axes.contains($0) }
            source = try TransposeOperator.transposed(input, perm: kept + reduced)
            outer = kept.reduce(1) { $0 * shape[$1] }
            length = reduced.reduce(1) { $0 * shape[$1] }
            inner = 1
            return
        }
        source = input
    }
}
