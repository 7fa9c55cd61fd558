/// An n-dimensional array of one element type, in row-major order: what a model takes and gives.
///
/// ```swift
/// let pixels = try Tensor(shape: [1, 1, 28, 28], values: [Float](repeating: 0, count: 784))
/// ```
public struct Tensor: Sendable, Equatable {
    /// The size of each dimension; `[]` for a scalar.
    public let shape: [Int]
    /// The elements.
    public let data: TensorData

    /// A tensor of `values` with `shape`, which must hold exactly as many elements.
    public init<Element: TensorElement>(shape: [Int], values: [Element]) throws(TensorError) {
        try self.init(shape: shape, data: Element.wrap(values))
    }

    /// A tensor of `data` with `shape`, which must hold exactly as many elements.
    public init(shape: [Int], data: TensorData) throws(TensorError) {
        guard shape.allSatisfy({ $0 >= 0 }) else { throw .negativeDimension(shape) }
        guard let count = Tensor.elementCount(shape), count == data.count else {
            throw .countMismatch(shape: shape, count: data.count)
        }
        self.shape = shape
        self.data = data
    }

    /// A tensor whose shape the caller has already checked against its data (the operators' results).
    init(checked shape: [Int], _ data: TensorData) {
        assert(Tensor.elementCount(shape) == data.count, "shape \(shape) does not hold \(data.count) elements")
        self.shape = shape
        self.data = data
    }

    /// A one-element tensor of rank 0.
    public init<Element: TensorElement>(scalar: Element) {
        self.init(checked: [], Element.wrap([scalar]))
    }

    /// The type of the elements.
    public var elementType: ElementType { data.elementType }

    /// How many elements the tensor holds.
    public var count: Int { data.count }

    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// The elements as `Element`s, or nil when they are of another type.
    public func values<Element: TensorElement>(as type: Element.Type = Element.self) -> [Element]? {
        Element.unwrap(data)
    }

    /// The same elements with another shape of the same size.
    public func reshaped(_ newShape: [Int]) throws(TensorError) -> Tensor {
        try Tensor(shape: newShape, data: data)
    }

    /// The product of the dimensions, or nil when it overflows `Int`.
    public static func elementCount(_ shape: [Int]) -> Int? {
        var count = 1
        for dimension in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            if overflow { return nil }
            count = product
        }
        return count
    }
}

/// Why a tensor could not be made.
public enum TensorError: Error, Equatable, CustomStringConvertible {
    /// The shape does not hold the given number of elements.
    case countMismatch(shape: [Int], count: Int)
    /// A dimension is negative.
    case negativeDimension([Int])

    public var description: String {
        switch self {
        case .countMismatch(let shape, let count):
            "shape \(shape) holds \(Tensor.elementCount(shape).map(String.init) ?? "too many") elements, not \(count)"
        case .negativeDimension(let shape): "shape \(shape) has a negative dimension"
        }
    }
}
