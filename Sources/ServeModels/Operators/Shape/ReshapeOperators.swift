/// Reshape: input 0's elements with the shape input 1 asks for (the `shape` attribute before opset 5), where
/// -1 is inferred and 0 copies the input's dimension (unless `allowzero` is 1). No element is copied.
struct ReshapeOperator: ShapeGroupOperator {
    let allowZero: Bool
    let shapeAttribute: [Int]?

    init(_ spec: NodeSpec) throws(OperatorError) {
        allowZero = try spec.attributes.int("allowzero", default: 0) != 0
        shapeAttribute = spec.opset < 5 ? try spec.attributes.ints("shape") : nil
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let input = try inputs.tensor(0)
        var requested = shapeAttribute ?? []
        if shapeAttribute == nil { requested = try ShapeSupport.integers(try inputs.tensor(1), input: 1) }
        let shape = try Self.resolve(requested, from: input.shape, count: input.count, allowZero: allowZero)
        return [.tensor(input.shapeReshaped(shape))]
    }

    /// The shape `requested` stands for, given the input's shape and element count.
    static func resolve(
        _ requested: [Int], from inputShape: [Int], count: Int, allowZero: Bool
    ) throws(OperatorError) -> [Int] {
        var shape = requested
        var inferred: Int?
        for (axis, dimension) in requested.enumerated() {
            switch dimension {
            case -1:
                guard inferred == nil else { throw OperatorError("shape \(requested) has more than one -1") }
                inferred = axis
            case 0 where !allowZero:
                guard axis < inputShape.count else {
                    throw OperatorError(
                        "shape \(requested) copies dimension \(axis) (a 0), which input \(inputShape) does not have")
                }
                shape[axis] = inputShape[axis]
            case ..<0:
                throw OperatorError("shape \(requested) has the negative dimension \(dimension)")
            default:
                break
            }
        }
        if allowZero, inferred != nil, requested.contains(0) {
            throw OperatorError("shape \(requested) has both -1 and 0, which allowzero = 1 forbids")
        }
        if let inferred {
            var known = shape
            known.remove(at: inferred)
            guard let product = Tensor.elementCount(known), product > 0, count % product == 0 else {
                throw OperatorError("shape \(requested) does not fit the \(count) elements of input \(inputShape)")
            }
            shape[inferred] = count / product
        }
        guard Tensor.elementCount(shape) == count else {
            throw OperatorError("shape \(requested) does not fit the \(count) elements of input \(inputShape)")
        }
        return shape
    }
}

/// Flatten: input 0 as a matrix whose rows are its dimensions before `axis` and columns those from it on.
struct FlattenOperator: ShapeGroupOperator {
    let axis: Int

    init(_ spec: NodeSpec) throws(OperatorError) {
        axis = try spec.attributes.int("axis", default: 1)
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let input = try inputs.tensor(0)
        let rank = input.rank
        guard axis >= -rank, axis <= rank else {
            throw OperatorError("axis \(axis) is out of range for rank \(rank) (it must be in \(-rank)...\(rank))")
        }
        let split = axis < 0 ? axis + rank : axis
        let rows = try ShapeSupport.product(input.shape, 0..<split)
        let columns = try ShapeSupport.product(input.shape, split..<rank)
        return [.tensor(input.shapeReshaped([rows, columns]))]
    }
}

/// Squeeze: input 0 without the dimensions of size 1 named by `axes` (an attribute before opset 13, input 1
/// from then on), or without all of them when no axes are given.
struct SqueezeOperator: ShapeGroupOperator {
    let axesAttribute: [Int]?

    init(_ spec: NodeSpec) throws(OperatorError) {
        axesAttribute = spec.opset < 13 ? try spec.attributes.ints("axes") : nil
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let input = try inputs.tensor(0)
        var given = axesAttribute
        if given == nil, let tensor = try inputs.optionalTensor(1) {
            given = try ShapeSupport.integers(tensor, input: 1)
        }
        var shape: [Int] = []
        // Empty axes squeeze every dimension of size 1, as no axes do (onnxruntime reads them so).
        if let given, !given.isEmpty {
            let axes = try ShapeSupport.axes(given, rank: input.rank)
            for (axis, dimension) in input.shape.enumerated() {
                if axes.contains(axis) {
                    guard dimension == 1 else {
                        throw OperatorError("axis \(axis) of input \(input.shape) has size \(dimension), not 1")
                    }
                } else {
                    shape.append(dimension)
                }
            }
        } else {
            shape = input.shape.filter { $0 != 1 }
        }
        return [.tensor(input.shapeReshaped(shape))]
    }
}

/// Unsqueeze: input 0 with dimensions of size 1 inserted at `axes` of the output (an attribute before
/// opset 13, input 1 from then on).
struct UnsqueezeOperator: ShapeGroupOperator {
    let axesAttribute: [Int]?

    init(_ spec: NodeSpec) throws(OperatorError) {
        if spec.opset < 13 {
            guard let axes = try spec.attributes.ints("axes") else {
                throw OperatorError("Unsqueeze before opset 13 needs the axes attribute")
            }
            axesAttribute = axes
        } else {
            axesAttribute = nil
        }
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let input = try inputs.tensor(0)
        var given = axesAttribute ?? []
        if axesAttribute == nil { given = try ShapeSupport.integers(try inputs.tensor(1), input: 1) }
        let rank = input.rank + given.count
        let axes = try ShapeSupport.axes(given, rank: rank)
        var shape: [Int] = []
        var next = 0
        for axis in 0..<rank {
            if axes.contains(axis) {
                shape.append(1)
            } else {
                shape.append(input.shape[next])
                next += 1
            }
        }
        return [.tensor(input.shapeReshaped(shape))]
    }
}
