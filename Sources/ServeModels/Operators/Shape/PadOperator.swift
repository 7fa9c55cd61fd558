/// Pad: input 0 grown (or, for negative pads, cropped) by `pads` — all the axes' begin counts, then their end
/// counts — filled by `mode`: `constant` (a value), `reflect` (mirrored about the edge), `edge` (the edge
/// repeated) or `wrap` (as if on a torus). Pads are an attribute before opset 11 and input 1 from then on;
/// from opset 18, input 3 names the axes they apply to.
struct PadOperator: ShapeGroupOperator {
    enum Mode: String {
        case constant, reflect, edge, wrap
    }

    let mode: Mode
    let opset: Int
    /// Before opset 11: the pads and the constant value, as attributes.
    let padsAttribute: [Int]?
    let valueAttribute: Float

    init(_ spec: NodeSpec) throws(OperatorError) {
        let name = try spec.attributes.string("mode", default: "constant")
        guard let mode = Mode(rawValue: name) else {
            throw OperatorError("Pad's mode '\(name)' is not constant, reflect, edge or wrap")
        }
        self.mode = mode
        opset = spec.opset
        if spec.opset < 11 {
            // Opset 1 named the attribute paddings.
            let name = spec.opset < 2 ? "paddings" : "pads"
            guard let pads = try spec.attributes.ints(name) else {
                throw OperatorError("Pad before opset 11 needs the pads attribute")
            }
            padsAttribute = pads
        } else {
            padsAttribute = nil
        }
        valueAttribute = try spec.attributes.float("value", default: 0)
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let input = try inputs.tensor(0)
        var pads = padsAttribute ?? []
        if padsAttribute == nil { pads = try ShapeSupport.integers(try inputs.tensor(1), input: 1) }
        var axes = Array(0..<input.rank)
        if opset >= 18, let tensor = try inputs.optionalTensor(3) {
            axes = try ShapeSupport.axes(try ShapeSupport.integers(tensor, input: 3), rank: input.rank)
        }
        guard pads.count == 2 * axes.count else {
            throw OperatorError("pads has \(pads.count) entries; it needs 2 × \(axes.count) (begin and end per axis)")
        }
        var begins = Array(repeating: 0, count: input.rank)
        var ends = begins
        for (index, axis) in axes.enumerated() {
            begins[axis] = pads[index]
            ends[axis] = pads[axes.count + index]
        }
        var shape: [Int] = []
        for axis in 0..<input.rank {
            let (grown, overflow) = input.shape[axis].addingReportingOverflow(begins[axis])
            let (size, overflow2) = grown.addingReportingOverflow(ends[axis])
            guard !overflow, !overflow2, size >= 0 else {
                throw OperatorError("pads \(pads) leave axis \(axis) of input \(input.shape) with no valid size")
            }
            shape.append(size)
        }
        if try ShapeSupport.count(shape) == 0 { return [.tensor(Tensor(checked: shape, input.data.picking([])))] }
        let strides = ShapeSupport.strides(input.shape)
        var tables: [[Int]] = []
        for axis in 0..<input.rank {
            let dimension = input.shape[axis]
            if mode != .constant, dimension == 0, shape[axis] > 0 {
                throw OperatorError(
                    "axis \(axis) of input \(input.shape) is empty; \(mode) mode has nothing to pad with")
            }
            tables.append(
                (0..<shape[axis]).map { index in
                    let source = mode.source(of: index - begins[axis], dimension: dimension)
                    return source < 0 ? -1 : source * strides[axis]
                })
        }
        return [.tensor(try ShapeGather.run(input, tables: tables, fill: try fillValue(input, inputs)))]
    }

    /// One element of the input's type to pad with: input 2 (opset 11 on), else the `value` attribute, else 0.
    private func fillValue(_ input: Tensor, _ inputs: [Value?]) throws(OperatorError) -> TensorData? {
        guard mode == .constant else { return nil }
        if opset >= 11 {
            if let value = try inputs.optionalTensor(2), value.count > 0 {
                guard value.elementType == input.elementType, value.count == 1 else {
                    throw OperatorError(
                        "input 2 (constant_value) must be one \(input.elementType); it is \(value.elementType) "
                            + "of shape \(value.shape)")
                }
                return value.data
            }
            return TensorData.zeros(input.elementType, count: 1)
        }
        switch input.elementType {
        case .bool, .string: return TensorData.zeros(input.elementType, count: 1)
        default: return try input.data.shapeVisitNumeric(ShapeConvertedScalar(value: Double(valueAttribute)), input: 0)
        }
    }
}

extension PadOperator.Mode {
    /// The input coordinate output coordinate `position` (relative to the input's start) reads, or -1 for the
    /// constant.
    func source(of position: Int, dimension: Int) -> Int {
        if position >= 0, position < dimension { return position }
        switch self {
        case .constant:
            return -1
        case .edge:
            return min(max(position, 0), dimension - 1)
        case .wrap:
            return ((position % dimension) + dimension) % dimension
        case .reflect:
            let period = 2 * (dimension - 1)
            guard period > 0 else { return 0 }
            let folded = ((position % period) + period) % period
            return folded < dimension ? folded : period - folded
        }
    }
}

/// `value` as one element of the visited type.
struct ShapeConvertedScalar: ShapeNumericVisitor {
    let value: Double

    func visit<Element: ShapeNumber>(_ values: [Element]) throws(OperatorError) -> TensorData {
        Element.wrap([Element(shapeConverting: value)])
    }
}
