/// Slice: input 0 cut to `starts` ..< `ends` by `steps` along `axes` (attributes before opset 10, inputs 1–4
/// from then on). Bounds are clamped to the axis as numpy clamps them; negative steps walk backwards.
struct SliceOperator: ShapeGroupOperator {
    /// Before opset 10: the attributes' starts, ends and axes.
    let attributeForm: (starts: [Int], ends: [Int], axes: [Int]?)?

    init(_ spec: NodeSpec) throws(OperatorError) {
        if spec.opset < 10 {
            guard let starts = try spec.attributes.ints("starts"), let ends = try spec.attributes.ints("ends") else {
                throw OperatorError("Slice before opset 10 needs the starts and ends attributes")
            }
            attributeForm = (starts, ends, try spec.attributes.ints("axes"))
        } else {
            attributeForm = nil
        }
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let input = try inputs.tensor(0)
        let starts: [Int]
        let ends: [Int]
        var axes: [Int]?
        var steps: [Int]?
        if let attributeForm {
            (starts, ends, axes) = attributeForm
        } else {
            starts = try ShapeSupport.integers(try inputs.tensor(1), input: 1)
            ends = try ShapeSupport.integers(try inputs.tensor(2), input: 2)
            if let tensor = try inputs.optionalTensor(3) { axes = try ShapeSupport.integers(tensor, input: 3) }
            if let tensor = try inputs.optionalTensor(4) { steps = try ShapeSupport.integers(tensor, input: 4) }
        }
        let resolvedAxes = try ShapeSupport.axes(axes ?? Array(0..<starts.count), rank: input.rank)
        let resolvedSteps = steps ?? Array(repeating: 1, count: starts.count)
        guard ends.count == starts.count, resolvedAxes.count == starts.count, resolvedSteps.count == starts.count
        else {
            throw OperatorError(
                "Slice's starts, ends, axes and steps have \(starts.count), \(ends.count), \(resolvedAxes.count) "
                    + "and \(resolvedSteps.count) entries; they must have as many")
        }
        var ranges: [(axis: Int, start: Int, count: Int, step: Int)] = []
        var shape = input.shape
        for (index, axis) in resolvedAxes.enumerated() {
            let step = resolvedSteps[index]
            guard step != 0 else { throw OperatorError("Slice's step on axis \(axis) is 0") }
            let (start, count) = Self.range(
                start: starts[index], end: ends[index], step: step, dimension: input.shape[axis])
            ranges.append((axis, start, count, step))
            shape[axis] = count
        }
        if input.count == 0 || shape.contains(0) {
            return [.tensor(Tensor(checked: shape, input.data.picking([])))]
        }
        let strides = ShapeSupport.strides(input.shape)
        var tables = ShapeGather.identityTables(input.shape)
        for range in ranges {
            tables[range.axis] = (0..<range.count).map { (range.start + $0 * range.step) * strides[range.axis] }
        }
        return [.tensor(try ShapeGather.run(input, tables: tables))]
    }

    /// The first index and the number of indices `start` ..< `end` by `step` selects on an axis of
    /// `dimension` elements, after clamping.
    static func range(start: Int, end: Int, step: Int, dimension: Int) -> (start: Int, count: Int) {
        let first = start < 0 ? start + dimension : start
        let last = end < 0 ? end + dimension : end
        if step > 0 {
            let from = min(max(first, 0), dimension)
            let to = min(max(last, 0), dimension)
            return (from, to > from ? 1 + (to - from - 1) / step : 0)
        }
        let from = min(max(first, 0), dimension - 1)
        let to = min(max(last, -1), dimension - 1)
        // The step's magnitude, clamped: -Int.min does not fit an Int.
        return (from, from > to ? 1 + (from - to - 1) / Int(clamping: step.magnitude) : 0)
    }
}
