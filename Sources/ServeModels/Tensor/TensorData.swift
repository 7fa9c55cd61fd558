/// A tensor's elements, in row-major order, in one array of their Swift type.
public enum TensorData: Sendable, Equatable {
    case float([Float])
    case double([Double])
    case int64([Int64])
    case int32([Int32])
    case int16([Int16])
    case int8([Int8])
    case uint64([UInt64])
    case uint32([UInt32])
    case uint16([UInt16])
    case uint8([UInt8])
    case bool([Bool])
    case string([String])

    /// The type of the elements.
    public var elementType: ElementType {
        switch self {
        case .float: .float
        case .double: .double
        case .int64: .int64
        case .int32: .int32
        case .int16: .int16
        case .int8: .int8
        case .uint64: .uint64
        case .uint32: .uint32
        case .uint16: .uint16
        case .uint8: .uint8
        case .bool: .bool
        case .string: .string
        }
    }

    /// How many elements there are.
    public var count: Int {
        switch self {
        case .float(let values): values.count
        case .double(let values): values.count
        case .int64(let values): values.count
        case .int32(let values): values.count
        case .int16(let values): values.count
        case .int8(let values): values.count
        case .uint64(let values): values.count
        case .uint32(let values): values.count
        case .uint16(let values): values.count
        case .uint8(let values): values.count
        case .bool(let values): values.count
        case .string(let values): values.count
        }
    }

    /// `count` elements of `type`, each zero (false, the empty string); nil for a type Serve does not hold.
    public static func zeros(_ type: ElementType, count: Int) -> TensorData? {
        switch type {
        case .float: .float(Array(repeating: 0, count: count))
        case .double: .double(Array(repeating: 0, count: count))
        case .int64: .int64(Array(repeating: 0, count: count))
        case .int32: .int32(Array(repeating: 0, count: count))
        case .int16: .int16(Array(repeating: 0, count: count))
        case .int8: .int8(Array(repeating: 0, count: count))
        case .uint64: .uint64(Array(repeating: 0, count: count))
        case .uint32: .uint32(Array(repeating: 0, count: count))
        case .uint16: .uint16(Array(repeating: 0, count: count))
        case .uint8: .uint8(Array(repeating: 0, count: count))
        case .bool: .bool(Array(repeating: false, count: count))
        case .string: .string(Array(repeating: "", count: count))
        case .float16, .bfloat16, .complex64, .complex128: nil
        }
    }

    /// The elements at `indices`, in that order: what gathering, slicing, transposing and broadcasting do
    /// once they have worked out where each output element comes from.
    public func picking(_ indices: [Int]) -> TensorData {
        switch self {
        case .float(let values): .float(indices.map { values[$0] })
        case .double(let values): .double(indices.map { values[$0] })
        case .int64(let values): .int64(indices.map { values[$0] })
        case .int32(let values): .int32(indices.map { values[$0] })
        case .int16(let values): .int16(indices.map { values[$0] })
        case .int8(let values): .int8(indices.map { values[$0] })
        case .uint64(let values): .uint64(indices.map { values[$0] })
        case .uint32(let values): .uint32(indices.map { values[$0] })
        case .uint16(let values): .uint16(indices.map { values[$0] })
        case .uint8(let values): .uint8(indices.map { values[$0] })
        case .bool(let values): .bool(indices.map { values[$0] })
        case .string(let values): .string(indices.map { values[$0] })
        }
    }

    /// These elements followed by `other`'s, which must be of the same type (nil otherwise).
    public func appending(_ other: TensorData) -> TensorData? {
        switch (self, other) {
        case (.float(let a), .float(let b)): .float(a + b)
        case (.double(let a), .double(let b)): .double(a + b)
        case (.int64(let a), .int64(let b)): .int64(a + b)
        case (.int32(let a), .int32(let b)): .int32(a + b)
        case (.int16(let a), .int16(let b)): .int16(a + b)
        case (.int8(let a), .int8(let b)): .int8(a + b)
        case (.uint64(let a), .uint64(let b)): .uint64(a + b)
        case (.uint32(let a), .uint32(let b)): .uint32(a + b)
        case (.uint16(let a), .uint16(let b)): .uint16(a + b)
        case (.uint8(let a), .uint8(let b)): .uint8(a + b)
        case (.bool(let a), .bool(let b)): .bool(a + b)
        case (.string(let a), .string(let b)): .string(a + b)
        default: nil
        }
    }
}
