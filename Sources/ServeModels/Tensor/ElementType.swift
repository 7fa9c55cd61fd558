/// The element type of a tensor, numbered as ONNX's `TensorProto.DataType` numbers it.
public enum ElementType: Int, Sendable, CaseIterable, CustomStringConvertible {
    case float = 1
    case uint8 = 2
    case int8 = 3
    case uint16 = 4
    case int16 = 5
    case int32 = 6
    case int64 = 7
    case string = 8
    case bool = 9
    case float16 = 10
    case double = 11
    case uint32 = 12
    case uint64 = 13
    case complex64 = 14
    case complex128 = 15
    case bfloat16 = 16

    /// The name ONNX's documents use (`tensor(float)` is a `float` tensor).
    public var description: String {
        switch self {
        case .float: "float"
        case .uint8: "uint8"
        case .int8: "int8"
        case .uint16: "uint16"
        case .int16: "int16"
        case .int32: "int32"
        case .int64: "int64"
        case .string: "string"
        case .bool: "bool"
        case .float16: "float16"
        case .double: "double"
        case .uint32: "uint32"
        case .uint64: "uint64"
        case .complex64: "complex64"
        case .complex128: "complex128"
        case .bfloat16: "bfloat16"
        }
    }

    /// The datatype's name in the Open Inference Protocol (`FP32`, `INT64`, `BYTES`, …).
    public var inferenceProtocolName: String {
        switch self {
        case .float: "FP32"
        case .uint8: "UINT8"
        case .int8: "INT8"
        case .uint16: "UINT16"
        case .int16: "INT16"
        case .int32: "INT32"
        case .int64: "INT64"
        case .string: "BYTES"
        case .bool: "BOOL"
        case .float16: "FP16"
        case .double: "FP64"
        case .uint32: "UINT32"
        case .uint64: "UINT64"
        case .complex64: "COMPLEX64"
        case .complex128: "COMPLEX128"
        case .bfloat16: "BF16"
        }
    }

    /// Whether Serve holds tensors of this type (half floats and complex numbers it does not, yet).
    public var isSupported: Bool {
        switch self {
        case .float16, .bfloat16, .complex64, .complex128: false
        default: true
        }
    }

    /// The size of one element in bytes, as the Open Inference Protocol's binary form and ONNX's raw data lay
    /// it out; nil for strings, whose elements vary.
    public var byteWidth: Int? {
        switch self {
        case .bool, .uint8, .int8: 1
        case .uint16, .int16, .float16, .bfloat16: 2
        case .float, .int32, .uint32: 4
        case .double, .int64, .uint64, .complex64: 8
        case .complex128: 16
        case .string: nil
        }
    }
}
