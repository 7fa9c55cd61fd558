/// One Resize call worked out: each axis's output size and taps, from the scales or sizes (and the crop)
/// the call gives.
struct ResizePlan {
    /// One per input axis; an axis that keeps its size and is not cropped is left alone.
    let axes: [ResizeAxis]
    let changed: [Bool]

    init(_ resize: ResizeOperator, _ shape: [Int], _ inputs: [Value?]) throws(OperatorError) {
        let rank = shape.count
        var axisList = Array(0..<rank)
        if let given = resize.axes {
            axisList = []
            for axis in given {
                let normalized = axis < 0 ? axis + rank : axis
                guard normalized >= 0, normalized < rank, !axisList.contains(normalized) else {
                    throw OperatorError("axes \(given) has an axis outside input 0's \(rank) axes, or a repeated one")
                }
                axisList.append(normalized)
            }
        }
        var scales = [Double](repeating: 1, count: rank)
        var sizes = shape
        var roi = [(Double, Double)](repeating: (0, 1), count: rank)
        switch resize.source {
        case .scalesAttribute(let values):
            try Self.apply(scales: values, axisList, shape, &scales, &sizes)
        case .scalesInput:
            guard let values = try inputs.tensor(1).values(as: Float.self) else {
                throw OperatorError("input 1 (the scales) must be a float tensor")
            }
            try Self.apply(scales: values, axisList, shape, &scales, &sizes)
        case .roiScalesSizes:
            let scaleTensor = try inputs.optionalTensor(2).flatMap { $0.count == 0 ? nil : $0 }
            let sizeTensor = try inputs.optionalTensor(3).flatMap { $0.count == 0 ? nil : $0 }
            switch (scaleTensor, sizeTensor) {
            case (let scaleTensor?, nil):
                guard let values = scaleTensor.values(as: Float.self) else {
                    throw OperatorError("input 2 (the scales) must be a float tensor")
                }
                try Self.apply(scales: values, axisList, shape, &scales, &sizes)
            case (nil, let sizeTensor?):
                guard let values = sizeTensor.values(as: Int64.self) else {
                    throw OperatorError("input 3 (the sizes) must be an int64 tensor")
                }
                try Self.apply(sizes: values, resize.keepAspectRatio, axisList, shape, &scales, &sizes)
            case (nil, nil): throw OperatorError("Resize needs either scales (input 2) or sizes (input 3)")
            case (_?, _?): throw OperatorError("Resize takes scales (input 2) or sizes (input 3), not both")
            }
            if resize.method.coordinates == .tfCropAndResize {
                guard let values = try inputs.optionalTensor(1) else {
                    throw OperatorError("tf_crop_and_resize needs the crop (input 1, roi)")
                }
                let floats = values.values(as: Float.self)?.map(Double.init) ?? values.values(as: Double.self)
                guard let floats, floats.count == 2 * axisList.count else {
                    throw OperatorError(
                        "input 1 (roi) has shape \(values.shape); Resize needs \(2 * axisList.count) floats")
                }
                for (index, axis) in axisList.enumerated() {
                    roi[axis] = (floats[index], floats[axisList.count + index])
                }
            }
        }
        // A scale read from a request can ask for anything; 2³² elements is far beyond any image.
        guard let count = Tensor.elementCount(sizes), count <= 1 << 32 else {
            throw OperatorError("Resize's result of shape \(sizes) is too large")
        }
        var axes: [ResizeAxis] = []
        var changed: [Bool] = []
        for axis in 0..<rank {
            if shape[axis] == 0 && sizes[axis] > 0 {
                throw OperatorError(
                    "axis \(axis) of input 0 is empty; Resize cannot make \(sizes[axis]) elements from it")
            }
            let identity =
                sizes[axis] == shape[axis] && scales[axis] == 1
                && (resize.method.coordinates != .tfCropAndResize || (roi[axis].0 == 0 && roi[axis].1 == 1))
            changed.append(!identity)
            axes.append(
                identity
                    ? ResizeAxis(identity: shape[axis])
                    : ResizeAxis(
                        method: resize.method, inputSize: shape[axis], outputSize: sizes[axis], scale: scales[axis],
                        roi: roi[axis]))
        }
        self.axes = axes
        self.changed = changed
    }

    private static func apply(
        scales values: [Float], _ axisList: [Int], _ shape: [Int], _ scales: inout [Double], _ sizes: inout [Int]
    ) throws(OperatorError) {
        guard values.count == axisList.count else {
            throw OperatorError("the scales have \(values.count) entries; Resize needs one per axis, \(axisList.count)")
        }
        for (index, axis) in axisList.enumerated() {
            let scale = Double(values[index])
            let size = scale * Double(shape[axis])
            guard scale > 0, size.isFinite, size < 1e15 else {
                throw OperatorError("scale \(values[index]) for axis \(axis) is not a usable positive factor")
            }
            scales[axis] = scale
            sizes[axis] = Int(size.rounded(.down))
        }
    }

    private static func apply(
        sizes values: [Int64], _ keep: ResizeOperator.KeepAspectRatio, _ axisList: [Int], _ shape: [Int],
        _ scales: inout [Double], _ sizes: inout [Int]
    ) throws(OperatorError) {
        guard values.count == axisList.count else {
            throw OperatorError("the sizes have \(values.count) entries; Resize needs one per axis, \(axisList.count)")
        }
        for (index, axis) in axisList.enumerated() {
            guard values[index] >= 0, values[index] < 1 << 40 else {
                throw OperatorError("size \(values[index]) for axis \(axis) is not a usable length")
            }
            sizes[axis] = Int(values[index])
            scales[axis] = shape[axis] == 0 ? 1 : Double(values[index]) / Double(shape[axis])
        }
        guard keep != .stretch, !axisList.isEmpty else { return }
        let chosen = axisList.map { scales[$0] }
        let scale = keep == .notLarger ? chosen.min() ?? 1 : chosen.max() ?? 1
        for axis in axisList {
            scales[axis] = scale
            sizes[axis] = Int((scale * Double(shape[axis]) + 0.5).rounded(.down))
        }
    }

    /// Linear or cubic: one pass along each changed axis, each output a weighted sum of its taps.
    func interpolate<T: NeuralNetworkScalar>(_ x: [T], _ extrapolationValue: Double) -> [T] {
        var current = x
        var shape = axes.map(\.inputSize)
        for (axis, plan) in axes.enumerated() where changed[axis] {
            let outer = shape[..<axis].reduce(1, *)
            let inner = shape[(axis + 1)...].reduce(1, *)
            let (inputSize, outputSize, taps) = (plan.inputSize, plan.outputSize, plan.taps)
            var next = [T](repeating: 0, count: outer * outputSize * inner)
            let weights = plan.weights.map { T($0) }
            current.withUnsafeBufferPointer { source in
                next.withUnsafeMutableBufferPointer { target in
                    weights.withUnsafeBufferPointer { weights in
                        plan.indices.withUnsafeBufferPointer { indices in
                            guard let source = source.baseAddress, let target = target.baseAddress else { return }
                            for block in 0..<outer {
                                let from = source + block * inputSize * inner
                                let to = target + block * outputSize * inner
                                if inner == 1 {
                                    // The last axis: each output sums its taps directly.
                                    for position in 0..<outputSize {
                                        var value: T = 0
                                        for tap in position * taps..<(position + 1) * taps {
                                            value += weights[tap] * from[indices[tap]]
                                        }
                                        to[position] = value
                                    }
                                    continue
                                }
                                for position in 0..<outputSize {
                                    let row = to + position * inner
                                    for tap in position * taps..<(position + 1) * taps {
                                        let (weight, line) = (weights[tap], from + indices[tap] * inner)
                                        for index in 0..<inner { row[index] += weight * line[index] }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if plan.extrapolated.contains(true) {
                let fill = T(extrapolationValue)
                for block in 0..<outer {
                    for position in 0..<outputSize where plan.extrapolated[position] {
                        let row = (block * outputSize + position) * inner
                        for index in row..<row + inner { next[index] = fill }
                    }
                }
            }
            current = next
            shape[axis] = outputSize
        }
        return current
    }
}

extension ResizeAxis {
    /// An axis left as it is.
    init(identity size: Int) {
        inputSize = size
        outputSize = size
        taps = 1
        indices = Array(0..<size)
        weights = [Double](repeating: 1, count: size)
        extrapolated = [Bool](repeating: false, count: size)
    }
}
