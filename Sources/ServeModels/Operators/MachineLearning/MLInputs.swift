/// An ML operator's input as a row-major matrix of floats: a tensor `[N, C]`, or `[C]` as one row.
/// Doubles and integers are converted to float, as onnxruntime does before scoring.
struct MLFeatureMatrix {
    let values: [Float]
    let rows: Int
    let columns: Int

    init(_ tensor: Tensor, operator name: String, input: Int = 0) throws(OperatorError) {
        switch tensor.rank {
        case 1:
            rows = 1
            columns = tensor.shape[0]
        case 2:
            rows = tensor.shape[0]
            columns = tensor.shape[1]
        default:
            throw OperatorError("input \(input) has shape \(tensor.shape); \(name) needs a matrix [N, C] or a vector")
        }
        values = try MLFeatureMatrix.floats(tensor.data, input: input)
    }

    /// The elements as floats; throws for strings and the types the ML operators do not take.
    static func floats(_ data: TensorData, input: Int = 0) throws(OperatorError) -> [Float] {
        switch data {
        case .float(let values): return values
        case .double(let values): return values.map { Float($0) }
        case .int64(let values): return values.map { Float($0) }
        case .int32(let values): return values.map { Float($0) }
        default: throw .unsupportedType(data.elementType, input: input)
        }
    }
}

/// A classifier's class labels (`classlabels_ints`/`classlabels_int64s` or `classlabels_strings`), and the label
/// tensor it outputs.
enum MLClassLabels: Sendable {
    case ints([Int64])
    case strings([String])

    /// A choice meaning the literal label 0 (`"0"` for string labels), which onnxruntime outputs in some binary
    /// cases instead of a label of the list.
    static let literalZero = -1
    /// A choice meaning the literal label 1 (`"1"`).
    static let literalOne = -2

    /// The labels of `spec`: strings when `classlabels_strings` is set, else the integers of `intsName`.
    init(_ spec: NodeSpec, intsName: String) throws(OperatorError) {
        let strings = try spec.attributes.strings("classlabels_strings") ?? []
        let ints = try spec.attributes.ints(intsName) ?? []
        if !strings.isEmpty && !ints.isEmpty {
            throw OperatorError("only one of classlabels_strings and \(intsName) may be set")
        }
        self = strings.isEmpty ? .ints(ints.map { Int64($0) }) : .strings(strings)
    }

    var count: Int {
        switch self {
        case .ints(let labels): labels.count
        case .strings(let labels): labels.count
        }
    }

    /// A tensor `[choices.count]` of the chosen labels: indices into the list, or `literalZero`/`literalOne`.
    func tensor(_ choices: [Int]) -> Tensor {
        switch self {
        case .ints(let labels):
            let values = choices.map { choice -> Int64 in
                choice >= 0 ? labels[choice] : (choice == MLClassLabels.literalOne ? 1 : 0)
            }
            return Tensor(checked: [choices.count], .int64(values))
        case .strings(let labels):
            let values = choices.map { choice -> String in
                choice >= 0 ? labels[choice] : (choice == MLClassLabels.literalOne ? "1" : "0")
            }
            return Tensor(checked: [choices.count], .string(values))
        }
    }
}

extension Attributes {
    /// The float list `name`, or its double-precision `name_as_tensor` twin (read as floats), or nil.
    func mlFloats(_ name: String) throws(OperatorError) -> [Double]? {
        if let tensor = try tensor(name + "_as_tensor") {
            switch tensor.data {
            case .double(let values): return values
            case .float(let values): return values.map { Double($0) }
            default: throw OperatorError("attribute '\(name)_as_tensor' must hold doubles or floats")
            }
        }
        return try floats(name)?.map { Double($0) }
    }
}
