/// What flows along a graph's edges: a tensor, or (from the `ai.onnx.ml` ops such as ZipMap) a sequence
/// of values or a map from labels to scores.
public enum Value: Sendable, Equatable {
    case tensor(Tensor)
    case sequence([Value])
    case map([MapKey: Float])

    /// The tensor, or nil when the value is a sequence or map.
    public var tensor: Tensor? {
        if case .tensor(let tensor) = self { tensor } else { nil }
    }
}

/// A key of a map value: ZipMap's labels are integers or strings.
public enum MapKey: Sendable, Hashable, CustomStringConvertible {
    case int(Int64)
    case string(String)

    public var description: String {
        switch self {
        case .int(let value): String(value)
        case .string(let value): value
        }
    }
}
