/// Trilu: the upper (`upper` 1, the default) or lower triangle of each matrix in input 0's last two axes,
/// from diagonal `k` (input 1, default 0; positive is right of the main diagonal); the rest zero.
struct TriluOperator: ShapeGroupOperator {
    let upper: Bool

    init(_ spec: NodeSpec) throws(OperatorError) {
        upper = try spec.attributes.int("upper", default: 1) != 0
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let input = try inputs.tensor(0)
        guard input.rank >= 2 else {
            throw OperatorError("input 0 has shape \(input.shape); Trilu needs at least two dimensions")
        }
        var k = 0
        if let tensor = try inputs.optionalTensor(1) { k = try ShapeSupport.scalarInteger(tensor, input: 1, name: "k") }
        guard let zero = TensorData.zeros(input.elementType, count: 1) else {
            throw .unsupportedType(input.elementType)
        }
        let triangle = ShapeTriangle(
            rows: input.shape[input.rank - 2], columns: input.shape[input.rank - 1], k: k, upper: upper, zero: zero)
        return [.tensor(Tensor(checked: input.shape, try input.data.shapeVisit(triangle)))]
    }
}

/// The visited matrices (`rows` × `columns` each, one after another) with the other triangle set to `zero`.
struct ShapeTriangle: ShapeElementVisitor {
    let rows: Int
    let columns: Int
    let k: Int
    let upper: Bool
    let zero: TensorData

    func visit<Element: TensorElement & Equatable>(_ values: [Element]) throws(OperatorError) -> TensorData {
        guard let zero = Element.unwrap(zero)?.first else { throw OperatorError("Trilu's zero has the wrong type") }
        var result = values
        let size = rows * columns
        guard size > 0 else { return Element.wrap(result) }
        for matrix in 0..<(values.count / size) {
            for row in 0..<rows {
                // Upper keeps columns from row + k on; lower keeps those up to row + k. Clamp before adding:
                // k comes from the request and may be huge.
                let diagonal = min(max(k, -columns - 1), columns + 1) + row
                let cleared = upper ? 0..<min(max(diagonal, 0), columns) : min(max(diagonal + 1, 0), columns)..<columns
                let start = matrix * size + row * columns
                for column in cleared { result[start + column] = zero }
            }
        }
        return Element.wrap(result)
    }
}

/// CumSum: running sums of input 0 along the axis input 1 names; `exclusive` leaves each element out of its
/// own sum, `reverse` runs from the end.
struct CumSumOperator: ShapeGroupOperator {
    let exclusive: Bool
    let reverse: Bool

    init(_ spec: NodeSpec) throws(OperatorError) {
        exclusive = try spec.attributes.int("exclusive", default: 0) != 0
        reverse = try spec.attributes.int("reverse", default: 0) != 0
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let input = try inputs.tensor(0)
        let axis = try ShapeSupport.axis(
            try ShapeSupport.scalarInteger(try inputs.tensor(1), input: 1, name: "axis"), rank: input.rank)
        if input.count == 0 { return [.tensor(input)] }
        let sums = ShapeCumulativeSum(
            layout: try ShapeAxisLayout(input.shape, axis: axis), exclusive: exclusive, reverse: reverse)
        return [.tensor(Tensor(checked: input.shape, try input.data.shapeVisitNumeric(sums, input: 0)))]
    }
}

/// Running sums of each line along the axis.
struct ShapeCumulativeSum: ShapeNumericVisitor {
    let layout: ShapeAxisLayout
    let exclusive: Bool
    let reverse: Bool

    func visit<Element: ShapeNumber>(_ values: [Element]) throws(OperatorError) -> TensorData {
        let (outer, length, inner) = (layout.outer, layout.length, layout.inner)
        var result = [Element](repeating: .shapeZero, count: values.count)
        var running = [Element](repeating: .shapeZero, count: inner)
        for row in 0..<outer {
            for column in 0..<inner { running[column] = .shapeZero }
            for step in 0..<length {
                let start = (row * length + (reverse ? length - 1 - step : step)) * inner
                for column in 0..<inner {
                    let value = values[start + column]
                    if exclusive {
                        result[start + column] = running[column]
                        running[column] = Element.shapeAdd(running[column], value)
                    } else {
                        running[column] = Element.shapeAdd(running[column], value)
                        result[start + column] = running[column]
                    }
                }
            }
        }
        return Element.wrap(result)
    }
}
