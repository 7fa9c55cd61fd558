/// ONNX's `auto_pad`: explicit pads, or padding that keeps `ceil(input / stride)` outputs (the extra one at
/// the end or at the start), or none.
enum NeuralNetworkAutoPad: Sendable {
    case notSet, sameUpper, sameLower, valid

    init(_ spec: NodeSpec) throws(OperatorError) {
        switch try spec.attributes.string("auto_pad", default: "NOTSET") {
        case "NOTSET", "": self = .notSet
        case "SAME_UPPER": self = .sameUpper
        case "SAME_LOWER": self = .sameLower
        case "VALID": self = .valid
        case let other:
            throw OperatorError("auto_pad '\(other)' is not one of NOTSET, SAME_UPPER, SAME_LOWER and VALID")
        }
    }
}

/// The window attributes Conv, ConvTranspose and the pools share, as the node sets them (each list has one
/// entry per spatial axis, pads two: all the starts, then all the ends). Checked once, when the model loads.
struct NeuralNetworkWindowAttributes: Sendable {
    let kernelShape: [Int]?
    let strides: [Int]?
    let dilations: [Int]?
    let pads: [Int]?
    let autoPad: NeuralNetworkAutoPad

    init(_ spec: NodeSpec) throws(OperatorError) {
        kernelShape = try spec.attributes.ints("kernel_shape")
        strides = try spec.attributes.ints("strides")
        dilations = try spec.attributes.ints("dilations")
        pads = try spec.attributes.ints("pads")
        autoPad = try NeuralNetworkAutoPad(spec)
        if let kernelShape, kernelShape.contains(where: { $0 < 1 }) {
            throw OperatorError("kernel_shape \(kernelShape) has a dimension below 1")
        }
        if let strides, strides.contains(where: { $0 < 1 }) {
            throw OperatorError("strides \(strides) has a stride below 1")
        }
        if let dilations, dilations.contains(where: { $0 < 1 }) {
            throw OperatorError("dilations \(dilations) has a dilation below 1")
        }
        if let pads, pads.contains(where: { $0 < 0 }) { throw OperatorError("pads \(pads) has a negative pad") }
        if let pads, pads.count % 2 != 0 {
            throw OperatorError("pads \(pads) has an odd count; it needs a start and an end for each axis")
        }
    }

    /// The strides for `rank` spatial axes (1 when the node sets none).
    func strides(rank: Int) throws(OperatorError) -> [Int] {
        try Self.list(strides, "strides", rank: rank, fallback: 1)
    }

    /// The dilations for `rank` spatial axes (1 when the node sets none).
    func dilations(rank: Int) throws(OperatorError) -> [Int] {
        try Self.list(dilations, "dilations", rank: rank, fallback: 1)
    }

    /// The explicit pads for `rank` spatial axes, starts then ends (0 when the node sets none).
    func explicitPads(rank: Int) throws(OperatorError) -> [Int] {
        try Self.list(pads, "pads", rank: 2 * rank, fallback: 0)
    }

    /// The kernel for `rank` spatial axes: the attribute's, which must then match the weights' when there are
    /// weights, or else the weights'.
    func kernel(rank: Int, weights: [Int]?) throws(OperatorError) -> [Int] {
        if let kernelShape {
            guard kernelShape.count == rank else {
                throw OperatorError(
                    "kernel_shape \(kernelShape) has \(kernelShape.count) entries; the input has \(rank) spatial axes")
            }
            if let weights, weights != kernelShape {
                throw OperatorError("kernel_shape \(kernelShape) differs from the weights' spatial shape \(weights)")
            }
            return kernelShape
        }
        guard let weights else { throw OperatorError("the node sets no kernel_shape") }
        guard weights.allSatisfy({ $0 >= 1 }) else {
            throw OperatorError("the weights' spatial shape \(weights) has an empty axis")
        }
        return weights
    }

    /// The window of a convolution or pool over `input` (the spatial sizes): where each output's window
    /// starts and how many outputs there are.
    func forward(input: [Int], kernel: [Int], ceilMode: Bool = false) throws(OperatorError) -> NeuralNetworkWindow {
        let rank = input.count
        let strides = try strides(rank: rank)
        let dilations = try dilations(rank: rank)
        let explicit = try explicitPads(rank: rank)
        var padsBegin = [Int](repeating: 0, count: rank)
        var padsEnd = [Int](repeating: 0, count: rank)
        var output = [Int](repeating: 0, count: rank)
        for axis in 0..<rank {
            let span = (kernel[axis] - 1) * dilations[axis] + 1
            let stride = strides[axis]
            switch autoPad {
            case .notSet:
                padsBegin[axis] = explicit[axis]
                padsEnd[axis] = explicit[rank + axis]
                let room = input[axis] + padsBegin[axis] + padsEnd[axis] - span
                guard room >= 0 else {
                    throw OperatorError(
                        "spatial axis \(axis) has \(input[axis]) elements, \(room + span) padded, fewer than the "
                            + "window's span of \(span)")
                }
                output[axis] = (ceilMode ? (room + stride - 1) / stride : room / stride) + 1
                // A window that would start in the end padding is dropped.
                if ceilMode, (output[axis] - 1) * stride >= input[axis] + padsBegin[axis] { output[axis] -= 1 }
            case .sameUpper, .sameLower:
                output[axis] = (input[axis] + stride - 1) / stride
                let total = max(0, (output[axis] - 1) * stride + span - input[axis])
                padsBegin[axis] = autoPad == .sameUpper ? total / 2 : total - total / 2
                padsEnd[axis] = total - padsBegin[axis]
            case .valid:
                guard input[axis] >= span else {
                    throw OperatorError(
                        "spatial axis \(axis) has \(input[axis]) elements, fewer than the window's span of \(span)")
                }
                output[axis] = (input[axis] - span) / stride + 1
            }
        }
        return NeuralNetworkWindow(
            input: input, kernel: kernel, strides: strides, dilations: dilations, padsBegin: padsBegin,
            padsEnd: padsEnd, output: output)
    }

    private static func list(_ values: [Int]?, _ name: String, rank: Int, fallback: Int) throws(OperatorError) -> [Int]
    {
        guard let values else { return [Int](repeating: fallback, count: rank) }
        guard values.count == rank else {
            throw OperatorError("\(name) \(values) has \(values.count) entries; the input needs \(rank)")
        }
        return values
    }
}

/// A window's geometry over one input, resolved: per spatial axis the input and output sizes, the kernel,
/// stride, dilation and the padding before and after.
struct NeuralNetworkWindow: Equatable {
    var input: [Int]
    var kernel: [Int]
    var strides: [Int]
    var dilations: [Int]
    var padsBegin: [Int]
    var padsEnd: [Int]
    var output: [Int]

    /// The same window over three spatial axes, with axes of size 1 put in front: the kernels loop over three
    /// axes whatever the input's spatial rank (1, 2 or 3).
    func lifted() throws(OperatorError) -> NeuralNetworkWindow {
        let missing = 3 - input.count
        guard missing >= 0 else {
            throw OperatorError("the input has \(input.count) spatial axes; Serve runs windows over 1, 2 or 3")
        }
        let ones = [Int](repeating: 1, count: missing)
        let zeros = [Int](repeating: 0, count: missing)
        return NeuralNetworkWindow(
            input: ones + input, kernel: ones + kernel, strides: ones + strides, dilations: ones + dilations,
            padsBegin: zeros + padsBegin, padsEnd: zeros + padsEnd, output: ones + output)
    }

    /// The range of outputs along `axis` whose input position `o · stride − padBegin + offset` falls inside
    /// the input; `offset` is a kernel position times the dilation. Always within `0..<output[axis]`, even
    /// when empty (a kernel position that only ever reads the padding), as callers fill `0..<lowerBound`.
    func validOutputs(axis: Int, offset: Int) -> Range<Int> {
        let shift = offset - padsBegin[axis]
        let stride = strides[axis]
        let low = min(output[axis], max(0, NeuralNetworkMath.ceilDivide(-shift, stride)))
        let high = min(output[axis], NeuralNetworkMath.floorDivide(input[axis] - 1 - shift, stride) + 1)
        return low..<max(low, high)
    }
}

/// Integer division rounding towards minus or plus infinity (Swift's rounds towards zero).
enum NeuralNetworkMath {
    static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }

    static func ceilDivide(_ a: Int, _ b: Int) -> Int {
        let quotient = a / b
        return (a % b != 0 && (a < 0) == (b < 0)) ? quotient + 1 : quotient
    }
}

extension NeuralNetworkMath {
    /// The sum of `count` elements, in eight running sums so that the additions do not wait on one another
    /// (and vectorise).
    @inline(__always)
    static func sum<T: NeuralNetworkScalar>(_ values: UnsafePointer<T>, _ count: Int) -> T {
        var partial: (T, T, T, T, T, T, T, T) = (0, 0, 0, 0, 0, 0, 0, 0)
        var index = 0
        while index + 8 <= count {
            partial.0 += values[index]
            partial.1 += values[index + 1]
            partial.2 += values[index + 2]
            partial.3 += values[index + 3]
            partial.4 += values[index + 4]
            partial.5 += values[index + 5]
            partial.6 += values[index + 6]
            partial.7 += values[index + 7]
            index += 8
        }
        var total =
            ((partial.0 + partial.1) + (partial.2 + partial.3)) + ((partial.4 + partial.5) + (partial.6 + partial.7))
        while index < count {
            total += values[index]
            index += 1
        }
        return total
    }

    /// The sum of `(x − mean)²` over `count` elements, as `sum` adds.
    @inline(__always)
    static func squaredDeviations<T: NeuralNetworkScalar>(_ values: UnsafePointer<T>, _ count: Int, from mean: T) -> T {
        var partial: (T, T, T, T, T, T, T, T) = (0, 0, 0, 0, 0, 0, 0, 0)
        var index = 0
        while index + 8 <= count {
            let d0 = values[index] - mean, d1 = values[index + 1] - mean
            let d2 = values[index + 2] - mean, d3 = values[index + 3] - mean
            let d4 = values[index + 4] - mean, d5 = values[index + 5] - mean
            let d6 = values[index + 6] - mean, d7 = values[index + 7] - mean
            partial.0 += d0 * d0
            partial.1 += d1 * d1
            partial.2 += d2 * d2
            partial.3 += d3 * d3
            partial.4 += d4 * d4
            partial.5 += d5 * d5
            partial.6 += d6 * d6
            partial.7 += d7 * d7
            index += 8
        }
        var total =
            ((partial.0 + partial.1) + (partial.2 + partial.3)) + ((partial.4 + partial.5) + (partial.6 + partial.7))
        while index < count {
            let deviation = values[index] - mean
            total += deviation * deviation
            index += 1
        }
        return total
    }
}
