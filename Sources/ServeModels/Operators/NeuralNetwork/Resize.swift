/// Resize (opsets 10 to 19) and Upsample (7 and 9): every axis scaled by a factor, or to a size, with
/// nearest, linear or cubic interpolation (linear and cubic on each axis in turn, over float and double
/// tensors; nearest over any type). Opset 10's Resize and Upsample map coordinates asymmetrically and round
/// as onnxruntime does for them.
struct ResizeOperator: Operator {
    let method: ResizeMethod
    let extrapolationValue: Double
    /// The axes the scales or sizes cover (all when nil).
    let axes: [Int]?
    let keepAspectRatio: KeepAspectRatio
    /// Where the scales come from: opset 11's inputs 1 to 3, an older single input, or Upsample 7's attribute.
    let source: Source

    /// With sizes (opset 18): each axis to its size, or all to the smallest or largest of their scales.
    enum KeepAspectRatio: Sendable { case stretch, notLarger, notSmaller }

    /// Where a call's scales (or sizes) are.
    enum Source: Sendable {
        case roiScalesSizes
        case scalesInput
        case scalesAttribute([Float])
    }

    static func makeResize(_ spec: NodeSpec) throws(OperatorError) -> any Operator {
        if spec.opset < 11 { return try legacy(spec, source: .scalesInput) }
        let attributes = spec.attributes
        let interpolation = try Self.interpolation(attributes.string("mode", default: "nearest"))
        let rounding: ResizeMethod.Rounding
        switch try attributes.string("nearest_mode", default: "round_prefer_floor") {
        case "round_prefer_floor": rounding = .roundPreferFloor
        case "round_prefer_ceil": rounding = .roundPreferCeil
        case "floor": rounding = .floor
        case "ceil": rounding = .ceil
        case let other: throw OperatorError("nearest_mode '\(other)' is not one Resize knows")
        }
        let coordinates: ResizeMethod.Coordinates
        switch try attributes.string("coordinate_transformation_mode", default: "half_pixel") {
        case "half_pixel": coordinates = .halfPixel
        case "half_pixel_symmetric": coordinates = .halfPixelSymmetric
        case "pytorch_half_pixel": coordinates = .pytorchHalfPixel
        case "align_corners": coordinates = .alignCorners
        case "asymmetric": coordinates = .asymmetric
        case "tf_crop_and_resize": coordinates = .tfCropAndResize
        case "tf_half_pixel_for_nn": coordinates = .tfHalfPixelForNearest
        case let other: throw OperatorError("coordinate_transformation_mode '\(other)' is not one Resize knows")
        }
        // Antialiasing widens the linear and cubic kernels; nearest neighbour has none to widen.
        let antialias = try attributes.int("antialias", default: 0) != 0 && interpolation != .nearest
        let keep: KeepAspectRatio
        switch try attributes.string("keep_aspect_ratio_policy", default: "stretch") {
        case "stretch": keep = .stretch
        case "not_larger": keep = .notLarger
        case "not_smaller": keep = .notSmaller
        case let other: throw OperatorError("keep_aspect_ratio_policy '\(other)' is not one Resize knows")
        }
        let method = ResizeMethod(
            interpolation: interpolation, rounding: rounding, coordinates: coordinates,
            cubicCoefficient: Double(try attributes.float("cubic_coeff_a", default: -0.75)),
            excludeOutside: try attributes.int("exclude_outside", default: 0) != 0, antialias: antialias)
        return ResizeOperator(
            method: method, extrapolationValue: Double(try attributes.float("extrapolation_value", default: 0)),
            axes: try attributes.ints("axes"), keepAspectRatio: keep, source: .roiScalesSizes)
    }

    static func makeUpsample(_ spec: NodeSpec) throws(OperatorError) -> any Operator {
        if spec.opset < 9 {
            guard let scales = try spec.attributes.floats("scales") else {
                throw OperatorError("Upsample before opset 9 needs the scales attribute")
            }
            return try legacy(spec, source: .scalesAttribute(scales))
        }
        return try legacy(spec, source: .scalesInput)
    }

    private static func legacy(_ spec: NodeSpec, source: Source) throws(OperatorError) -> any Operator {
        var mode = try spec.attributes.string("mode", default: "nearest")
        if mode == "bilinear" { mode = "linear" }
        let interpolation = try Self.interpolation(mode)
        guard interpolation != .cubic else { throw OperatorError("mode 'cubic' needs opset 11 or later") }
        let method = ResizeMethod(
            interpolation: interpolation, rounding: .legacy, coordinates: .asymmetric, cubicCoefficient: -0.75,
            excludeOutside: false, antialias: false)
        return ResizeOperator(
            method: method, extrapolationValue: 0, axes: nil, keepAspectRatio: .stretch, source: source)
    }

    private static func interpolation(_ mode: String) throws(OperatorError) -> ResizeMethod.Interpolation {
        switch mode {
        case "nearest": return .nearest
        case "linear": return .linear
        case "cubic": return .cubic
        default: throw OperatorError("mode '\(mode)' is not one of nearest, linear and cubic")
        }
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try inputs.tensor(0)
        let plan = try ResizePlan(self, x.shape, inputs)
        let outputShape = plan.axes.map(\.outputSize)
        if method.interpolation == .nearest {
            return [.tensor(Tensor(checked: outputShape, try plan.nearest(x.data, extrapolationValue)))]
        }
        switch x.data {
        case .float(let v):
            return [.tensor(Tensor(checked: outputShape, .float(plan.interpolate(v, extrapolationValue))))]
        case .double(let v):
            return [.tensor(Tensor(checked: outputShape, .double(plan.interpolate(v, extrapolationValue))))]
        default:
            throw OperatorError(
                "input 0 is a \(x.elementType) tensor; Resize interpolates float and double ones "
                    + "(nearest mode takes any)")
        }
    }
}
