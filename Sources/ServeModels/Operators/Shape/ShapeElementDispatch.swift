/// A computation over a tensor's elements written once, generically, for every element type: the shape
/// operators move elements without looking at them, so one generic body serves floats, integers, booleans
/// and strings alike (`TensorData.shapeVisit` picks the specialization).
protocol ShapeElementVisitor {
    associatedtype Output
    func visit<Element: TensorElement & Equatable>(_ values: [Element]) throws(OperatorError) -> Output
}

/// A computation over the elements of a numeric tensor (the integers, `Float` and `Double`).
protocol ShapeNumericVisitor {
    associatedtype Output
    func visit<Element: ShapeNumber>(_ values: [Element]) throws(OperatorError) -> Output
}

extension TensorData {
    /// `visitor` run on these elements as an array of their Swift type.
    func shapeVisit<Visitor: ShapeElementVisitor>(_ visitor: Visitor) throws(OperatorError) -> Visitor.Output {
        switch self {
        case .float(let values): try visitor.visit(values)
        case .double(let values): try visitor.visit(values)
        case .int64(let values): try visitor.visit(values)
        case .int32(let values): try visitor.visit(values)
        case .int16(let values): try visitor.visit(values)
        case .int8(let values): try visitor.visit(values)
        case .uint64(let values): try visitor.visit(values)
        case .uint32(let values): try visitor.visit(values)
        case .uint16(let values): try visitor.visit(values)
        case .uint8(let values): try visitor.visit(values)
        case .bool(let values): try visitor.visit(values)
        case .string(let values): try visitor.visit(values)
        }
    }

    /// `visitor` run on these elements when they are numbers; throws for booleans and strings, naming
    /// `input` as the operator's input that holds them.
    func shapeVisitNumeric<Visitor: ShapeNumericVisitor>(
        _ visitor: Visitor, input: Int
    ) throws(OperatorError) -> Visitor.Output {
        switch self {
        case .float(let values): try visitor.visit(values)
        case .double(let values): try visitor.visit(values)
        case .int64(let values): try visitor.visit(values)
        case .int32(let values): try visitor.visit(values)
        case .int16(let values): try visitor.visit(values)
        case .int8(let values): try visitor.visit(values)
        case .uint64(let values): try visitor.visit(values)
        case .uint32(let values): try visitor.visit(values)
        case .uint16(let values): try visitor.visit(values)
        case .uint8(let values): try visitor.visit(values)
        case .bool, .string: throw .unsupportedType(elementType, input: input)
        }
    }
}

/// A number a tensor can hold, with the arithmetic the shape and reduction operators need. Integer
/// arithmetic wraps on overflow (as onnxruntime's does) rather than trapping on what a request sends.
protocol ShapeNumber: TensorElement, Comparable {
    static var shapeZero: Self { get }
    static var shapeOne: Self { get }
    /// The least value (-infinity for floating point): where a running maximum starts.
    static var shapeLowest: Self { get }
    /// The greatest value (+infinity for floating point): where a running minimum starts.
    static var shapeHighest: Self { get }
    static func shapeAdd(_ a: Self, _ b: Self) -> Self
    static func shapeMultiply(_ a: Self, _ b: Self) -> Self
    /// The absolute value (wrapping for the most negative integer).
    var shapeMagnitude: Self { get }
    /// Whether this is a floating-point NaN.
    var shapeIsNaN: Bool { get }
    /// This value divided by a count of elements: NaN (floating point) or 0 (integers) for a count of 0.
    func shapeDivided(byCount count: Int) -> Self
    /// The value as a `Double` (rounded for integers beyond 2^53).
    var shapeDouble: Double { get }
    /// `value` converted, truncating toward zero and clamping for integers (NaN becomes 0).
    init(shapeConverting value: Double)
}

extension ShapeNumber where Self: BinaryFloatingPoint {
    static var shapeZero: Self { 0 }
    static var shapeOne: Self { 1 }
    static var shapeLowest: Self { -.infinity }
    static var shapeHighest: Self { .infinity }
    @inline(__always) static func shapeAdd(_ a: Self, _ b: Self) -> Self { a + b }
    @inline(__always) static func shapeMultiply(_ a: Self, _ b: Self) -> Self { a * b }
    var shapeMagnitude: Self { magnitude }
    var shapeIsNaN: Bool { isNaN }
    func shapeDivided(byCount count: Int) -> Self { self / Self(count) }
    var shapeDouble: Double { Double(self) }
    init(shapeConverting value: Double) { self.init(value) }
}

extension ShapeNumber where Self: FixedWidthInteger {
    static var shapeZero: Self { 0 }
    static var shapeOne: Self { 1 }
    static var shapeLowest: Self { .min }
    static var shapeHighest: Self { .max }
    @inline(__always) static func shapeAdd(_ a: Self, _ b: Self) -> Self { a &+ b }
    @inline(__always) static func shapeMultiply(_ a: Self, _ b: Self) -> Self { a &* b }
    var shapeMagnitude: Self { self < 0 ? 0 &- self : self }
    var shapeIsNaN: Bool { false }
    func shapeDivided(byCount count: Int) -> Self {
        guard count > 0 else { return 0 }
        // The count may not fit the element type (more than 127 int8s): divide in the wider type.
        if Self.isSigned {
            return Self(truncatingIfNeeded: Int64(self) / Int64(count))
        }
        return Self(truncatingIfNeeded: UInt64(self) / UInt64(count))
    }
    var shapeDouble: Double { Double(self) }
    init(shapeConverting value: Double) {
        if value.isNaN {
            self = 0
        } else if value <= Double(Self.min) {
            self = .min
        } else if value >= Double(Self.max) {
            self = .max
        } else {
            self.init(value.rounded(.towardZero))
        }
    }
}

extension Float: ShapeNumber {}
extension Double: ShapeNumber {}
extension Int64: ShapeNumber {}
extension Int32: ShapeNumber {}
extension Int16: ShapeNumber {}
extension Int8: ShapeNumber {}
extension UInt64: ShapeNumber {}
extension UInt32: ShapeNumber {}
extension UInt16: ShapeNumber {}
extension UInt8: ShapeNumber {}
