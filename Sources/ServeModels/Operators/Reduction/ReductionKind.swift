/// What a reduction computes over the elements it reduces.
enum ReductionKind: CaseIterable, Sendable {
    case sum, mean, prod, max, min, l1, l2, logSum, logSumExp, sumSquare

    /// The ONNX op type.
    var opType: String {
        switch self {
        case .sum: "ReduceSum"
        case .mean: "ReduceMean"
        case .prod: "ReduceProd"
        case .max: "ReduceMax"
        case .min: "ReduceMin"
        case .l1: "ReduceL1"
        case .l2: "ReduceL2"
        case .logSum: "ReduceLogSum"
        case .logSumExp: "ReduceLogSumExp"
        case .sumSquare: "ReduceSumSquare"
        }
    }

    /// The opset from which the axes are input 1 rather than an attribute.
    var axesInputSince: Int { self == .sum ? 13 : 18 }

    /// Whether integers are reduced through `Double` (the reduction needs a square root, log or exp).
    var needsFloatingPoint: Bool {
        switch self {
        case .l2, .logSum, .logSumExp: true
        default: false
        }
    }
}
