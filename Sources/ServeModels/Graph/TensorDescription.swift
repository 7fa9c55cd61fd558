/// A model's input or output as its file declares it: a name, an element type and a shape whose dimensions
/// may be fixed, named (`batch`) or unknown.
public struct TensorDescription: Sendable, Equatable {
    /// One dimension of a declared shape.
    public enum Dimension: Sendable, Equatable, CustomStringConvertible {
        case fixed(Int)
        case named(String)
        case unknown

        /// The fixed size, or nil when the dimension is dynamic.
        public var size: Int? { if case .fixed(let size) = self { size } else { nil } }

        public var description: String {
            switch self {
            case .fixed(let size): String(size)
            case .named(let name): name
            case .unknown: "?"
            }
        }
    }

    /// The name the graph gives it; inputs are passed and outputs returned by it.
    public let name: String
    /// The element type, or nil when the value is not a tensor (ZipMap's sequence of maps).
    public let elementType: ElementType?
    /// The declared shape, or nil when the file declares none (any rank).
    public let shape: [Dimension]?

    /// The shape as the Open Inference Protocol writes it: -1 for a dynamic dimension; nil for any rank.
    public var protocolShape: [Int]? { shape.map { $0.map { $0.size ?? -1 } } }

    /// The shape for messages: `[batch, 4]`, or `any shape`.
    public var shapeDescription: String {
        shape.map { "[" + $0.map(\.description).joined(separator: ", ") + "]" } ?? "any shape"
    }

    /// Nil when `tensor` fits this description, else what is wrong, for the user.
    func mismatch(_ tensor: Tensor) -> String? {
        if let elementType, tensor.elementType != elementType {
            return "input '\(name)' must be a \(elementType) tensor, not \(tensor.elementType)"
        }
        guard let shape else { return nil }
        let fits =
            shape.count == tensor.rank
            && zip(shape, tensor.shape).allSatisfy { declared, given in declared.size.map { $0 == given } ?? true }
        return fits ? nil : "input '\(name)' has shape \(tensor.shape), expected \(shapeDescription)"
    }
}
