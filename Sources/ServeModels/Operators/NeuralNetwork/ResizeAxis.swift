/// How Resize reads an output position's value along one axis, as the node's attributes set it.
struct ResizeMethod: Sendable {
    /// The mode: the nearest input element, or a linear or cubic blend of the neighbours.
    enum Interpolation: Sendable, Equatable { case nearest, linear, cubic }

    /// How a fractional source position picks its nearest neighbour. `legacy` is opset 10's and Upsample's:
    /// rounding down when enlarging and up when shrinking.
    enum Rounding: Sendable, Equatable { case roundPreferFloor, roundPreferCeil, floor, ceil, legacy }

    /// ONNX's `coordinate_transformation_mode`: where an output position falls in the input.
    enum Coordinates: Sendable, Equatable {
        case halfPixel, halfPixelSymmetric, pytorchHalfPixel, alignCorners, asymmetric, tfCropAndResize
        /// Opset 11's TensorFlow nearest neighbour: half_pixel without the final −0.5.
        case tfHalfPixelForNearest
    }

    var interpolation: Interpolation
    var rounding: Rounding
    var coordinates: Coordinates
    var cubicCoefficient: Double
    var excludeOutside: Bool
    var antialias: Bool
}

/// One axis of a resize, worked out: for each output position, the input positions it reads (`taps` of
/// them, clamped to the input) with their weights, and whether it lies outside the crop (tf_crop_and_resize).
struct ResizeAxis {
    let inputSize: Int
    let outputSize: Int
    let taps: Int
    let indices: [Int]
    let weights: [Double]
    let extrapolated: [Bool]

    /// `scale` is output over input size (as given, not as rounded); `roi` the crop's start and end as
    /// fractions of the input, for tf_crop_and_resize.
    init(method: ResizeMethod, inputSize: Int, outputSize: Int, scale: Double, roi: (Double, Double)) {
        self.inputSize = inputSize
        self.outputSize = outputSize
        let input = Double(inputSize)
        let effectiveScale = method.antialias ? min(scale, 1) : 1
        // A linear kernel reaches 1 input step either side, a cubic one 2; antialiasing widens them by 1 / scale.
        let reach: Double = method.interpolation == .cubic ? 2 : 1
        // An output exists only for scale ≥ 1 / input, which bounds the antialiased kernel by the input's size.
        let first = Int(max(-reach / effectiveScale, -1e9).rounded(.down)) + 1
        taps = method.interpolation == .nearest ? 1 : 2 - 2 * first
        var indices = [Int](repeating: 0, count: outputSize * taps)
        var weights = [Double](repeating: 0, count: outputSize * taps)
        var extrapolated = [Bool](repeating: false, count: outputSize)
        for position in 0..<outputSize {
            let raw = Self.source(position, method.coordinates, input, outputSize, scale, roi)
            // Far outside the input every position clamps alike; keep the arithmetic in Int's range.
            let x = raw.isNaN ? 0 : min(max(raw, -1e12), 1e12)
            if method.coordinates == .tfCropAndResize, x < 0 || x > input - 1 { extrapolated[position] = true }
            if method.interpolation == .nearest {
                indices[position] = min(max(Self.nearest(x, method.rounding, shrinking: scale < 1), 0), inputSize - 1)
                weights[position] = 1
                continue
            }
            // An integer position takes its taps from the one below, where its own weight is the last but one.
            let base = x == x.rounded(.down) ? Int(x) - 1 : Int(x.rounded(.down))
            var sum = 0.0
            for tap in 0..<taps {
                let source = base + first + tap
                var weight = Self.kernel(effectiveScale * (Double(source) - x), method)
                if method.excludeOutside, source < 0 || source >= inputSize { weight = 0 }
                indices[position * taps + tap] = min(max(source, 0), inputSize - 1)
                weights[position * taps + tap] = weight
                sum += weight
            }
            if (method.antialias || method.excludeOutside) && sum != 0 {
                for tap in 0..<taps { weights[position * taps + tap] /= sum }
            }
        }
        self.indices = indices
        self.weights = weights
        self.extrapolated = extrapolated
    }

    /// The input coordinate output `position` maps to.
    private static func source(
        _ position: Int, _ coordinates: ResizeMethod.Coordinates, _ input: Double, _ outputSize: Int, _ scale: Double,
        _ roi: (Double, Double)
    ) -> Double {
        let y = Double(position)
        switch coordinates {
        case .halfPixel:
            return (y + 0.5) / scale - 0.5
        case .halfPixelSymmetric:
            let adjustment = Double(outputSize) / (scale * input)
            return input / 2 * (1 - adjustment) + (y + 0.5) / scale - 0.5
        case .pytorchHalfPixel:
            return outputSize > 1 ? (y + 0.5) / scale - 0.5 : 0
        case .alignCorners:
            // ONNX's reference divides by the unrounded output length, scale × input.
            let length = scale * input
            return length == 1 ? 0 : y * (input - 1) / (length - 1)
        case .asymmetric:
            return y / scale
        case .tfHalfPixelForNearest:
            return (y + 0.5) / scale
        case .tfCropAndResize:
            let (start, end) = roi
            if outputSize == 1 { return (end - start) * (input - 1) / 2 + start * (input - 1) }
            return start * (input - 1) + y * (end - start) * (input - 1) / Double(outputSize - 1)
        }
    }

    private static func nearest(_ x: Double, _ rounding: ResizeMethod.Rounding, shrinking: Bool) -> Int {
        let floor = x.rounded(.down)
        if x == floor { return Int(x) }
        let fraction = x - floor
        switch rounding {
        case .roundPreferFloor: return Int(fraction <= 0.5 ? floor : floor + 1)
        case .roundPreferCeil: return Int(fraction < 0.5 ? floor : floor + 1)
        case .floor: return Int(floor)
        case .ceil: return Int(floor + 1)
        case .legacy: return Int(shrinking ? floor + 1 : floor)
        }
    }

    /// The interpolation kernel at distance `t` (in input steps, scaled when antialiasing).
    private static func kernel(_ t: Double, _ method: ResizeMethod) -> Double {
        let t = abs(t)
        if method.interpolation == .linear { return max(0, 1 - t) }
        let a = method.cubicCoefficient
        if t <= 1 { return ((a + 2) * t - (a + 3)) * t * t + 1 }
        if t < 2 { return ((a * t - 5 * a) * t + 8 * a) * t - 4 * a }
        return 0
    }
}
