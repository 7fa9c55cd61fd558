/// A Swift type a tensor's elements can have: `Float`, `Double`, the fixed-width integers, `Bool` and `String`.
public protocol TensorElement: Sendable {
    /// The ONNX element type of this Swift type.
    static var elementType: ElementType { get }
    /// Wraps elements of this type as tensor data.
    static func wrap(_ values: [Self]) -> TensorData
    /// The elements of `data` when they are of this type, else nil.
    static func unwrap(_ data: TensorData) -> [Self]?
}

extension Float: TensorElement {
    public static var elementType: ElementType { .float }
    public static func wrap(_ values: [Float]) -> TensorData { .float(values) }
    public static func unwrap(_ data: TensorData) -> [Float]? { if case .float(let v) = data { v } else { nil } }
}

extension Double: TensorElement {
    public static var elementType: ElementType { .double }
    public static func wrap(_ values: [Double]) -> TensorData { .double(values) }
    public static func unwrap(_ data: TensorData) -> [Double]? { if case .double(let v) = data { v } else { nil } }
}

extension Int64: TensorElement {
    public static var elementType: ElementType { .int64 }
    public static func wrap(_ values: [Int64]) -> TensorData { .int64(values) }
    public static func unwrap(_ data: TensorData) -> [Int64]? { if case .int64(let v) = data { v } else { nil } }
}

extension Int32: TensorElement {
    public static var elementType: ElementType { .int32 }
    public static func wrap(_ values: [Int32]) -> TensorData { .int32(values) }
    public static func unwrap(_ data: TensorData) -> [Int32]? { if case .int32(let v) = data { v } else { nil } }
}

extension Int16: TensorElement {
    public static var elementType: ElementType { .int16 }
    public static func wrap(_ values: [Int16]) -> TensorData { .int16(values) }
    public static func unwrap(_ data: TensorData) -> [Int16]? { if case .int16(let v) = data { v } else { nil } }
}

extension Int8: TensorElement {
    public static var elementType: ElementType { .int8 }
    public static func wrap(_ values: [Int8]) -> TensorData { .int8(values) }
    public static func unwrap(_ data: TensorData) -> [Int8]? { if case .int8(let v) = data { v } else { nil } }
}

extension UInt64: TensorElement {
    public static var elementType: ElementType { .uint64 }
    public static func wrap(_ values: [UInt64]) -> TensorData { .uint64(values) }
    public static func unwrap(_ data: TensorData) -> [UInt64]? { if case .uint64(let v) = data { v } else { nil } }
}

extension UInt32: TensorElement {
    public static var elementType: ElementType { .uint32 }
    public static func wrap(_ values: [UInt32]) -> TensorData { .uint32(values) }
    public static func unwrap(_ data: TensorData) -> [UInt32]? { if case .uint32(let v) = data { v } else { nil } }
}

extension UInt16: TensorElement {
    public static var elementType: ElementType { .uint16 }
    public static func wrap(_ values: [UInt16]) -> TensorData { .uint16(values) }
    public static func unwrap(_ data: TensorData) -> [UInt16]? { if case .uint16(let v) = data { v } else { nil } }
}

extension UInt8: TensorElement {
    public static var elementType: ElementType { .uint8 }
    public static func wrap(_ values: [UInt8]) -> TensorData { .uint8(values) }
    public static func unwrap(_ data: TensorData) -> [UInt8]? { if case .uint8(let v) = data { v } else { nil } }
}

extension Bool: TensorElement {
    public static var elementType: ElementType { .bool }
    public static func wrap(_ values: [Bool]) -> TensorData { .bool(values) }
    public static func unwrap(_ data: TensorData) -> [Bool]? { if case .bool(let v) = data { v } else { nil } }
}

extension String: TensorElement {
    public static var elementType: ElementType { .string }
    public static func wrap(_ values: [String]) -> TensorData { .string(values) }
    public static func unwrap(_ data: TensorData) -> [String]? { if case .string(let v) = data { v } else { nil } }
}
