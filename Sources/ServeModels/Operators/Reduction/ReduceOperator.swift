/// One of the Reduce operators: input 0 reduced by `kind` over `axes` (an attribute, or input 1 from opset 13
/// for ReduceSum and 18 for the others), the reduced axes kept as size 1 unless `keepdims` is 0. No axes
/// reduce all of them, or none when `noop_with_empty_axes` is 1 (the element-wise part, such as ReduceL1's
/// absolute value, still applies then).
struct ReduceOperator: Operator {
    let kind: ReductionKind
    let keepDims: Bool
    let noopWithEmptyAxes: Bool
    /// The axes attribute, before axes became an input.
    let axesAttribute: [Int]?
    let axesFromInput: Bool

    init(_ spec: NodeSpec, kind: ReductionKind) throws(OperatorError) {
        self.kind = kind
        keepDims = try spec.attributes.int("keepdims", default: 1) != 0
        noopWithEmptyAxes = try spec.attributes.int("noop_with_empty_axes", default: 0) != 0
        axesFromInput = spec.opset >= kind.axesInputSince
        axesAttribute = axesFromInput ? nil : try spec.attributes.ints("axes")
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let input = try inputs.tensor(0)
        var given = axesAttribute ?? []
        if axesFromInput, let tensor = try inputs.optionalTensor(1) {
            given = try ShapeSupport.integers(tensor, input: 1)
        }
        let axes: [Int]
        if given.isEmpty {
            axes = noopWithEmptyAxes ? [] : Array(0..<input.rank)
        } else {
            axes = try ShapeSupport.axes(given, rank: input.rank)
        }
        let plan = try ReductionPlan(input, axes: axes, keepDims: keepDims)
        let data = try reduce(plan.source.data, plan)
        return [.tensor(Tensor(checked: plan.outputShape, data))]
    }

    private func reduce(_ data: TensorData, _ plan: ReductionPlan) throws(OperatorError) -> TensorData {
        switch data {
        case .float(let values):
            return .float(ReductionKernels.reduceFloating(values, plan, kind))
        case .double(let values):
            return .double(ReductionKernels.reduceFloating(values, plan, kind))
        case .bool(let values) where kind == .max || kind == .min:
            // False < true: the maximum is "any", the minimum "all".
            let bytes = ReductionKernels.reduce(values.map { UInt8($0 ? 1 : 0) }, plan, kind)
            return .bool(bytes.map { $0 != 0 })
        default:
            return try data.shapeVisitNumeric(ReductionIntegers(kind: kind, plan: plan), input: 0)
        }
    }
}

/// A reduction of integers: in their own type, or through `Double` for the kinds that need a square root,
/// log or exp (the result then truncated back).
struct ReductionIntegers: ShapeNumericVisitor {
    let kind: ReductionKind
    let plan: ReductionPlan

    func visit<Element: ShapeNumber>(_ values: [Element]) throws(OperatorError) -> TensorData {
        guard kind.needsFloatingPoint else { return Element.wrap(ReductionKernels.reduce(values, plan, kind)) }
        let reduced = ReductionKernels.reduceFloating(values.map(\.shapeDouble), plan, kind)
        return Element.wrap(reduced.map { Element(shapeConverting: $0) })
    }
}
