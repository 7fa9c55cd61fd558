#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reads a tensor stored in a model file (an initializer, a Constant's value, a test's `input_0.pb`), checking
/// its dimensions and the size of its data before any element is copied.
enum TensorDecoding {
    /// The most elements one tensor may hold: 2^32, 16 GiB of floats, far above any model Serve runs and far
    /// below what a hostile file's dimensions can claim.
    static let elementLimit = 1 << 32

    /// The tensor `proto` holds; `externalData` reads the bytes of a tensor kept in a file beside the model.
    static func tensor(
        _ proto: Onnx_TensorProto, externalData: ((ExternalDataReference) throws(ModelError) -> Data)? = nil
    ) throws(ModelError) -> Tensor {
        let name = proto.name.isEmpty ? "a tensor" : "tensor '\(proto.name)'"
        guard let type = ElementType(rawValue: Int(proto.dataType)) else {
            throw ModelError("\(name) has element type \(proto.dataType), which ONNX does not define")
        }
        guard type.isSupported else { throw ModelError("\(name) holds \(type) elements, which Serve does not run") }
        let shape = proto.dims.map { Int(clamping: $0) }
        guard shape.allSatisfy({ $0 >= 0 }), let count = Tensor.elementCount(shape), count <= elementLimit else {
            throw ModelError("\(name) has dimensions \(proto.dims), which no tensor Serve holds can have")
        }
        var raw: Data? = proto.hasRawData ? proto.rawData : nil
        if proto.dataLocation == .external {
            guard let externalData else { throw ModelError("\(name) keeps its data in another file, not allowed here") }
            raw = try externalData(ExternalDataReference(proto, name: name))
        }
        let data: TensorData
        if let raw {
            data = try decodeRaw(raw, type: type, count: count, name: name)
        } else {
            data = try decodeTyped(proto, type: type)
        }
        guard data.count == count else {
            throw ModelError("\(name) has dimensions \(shape) (\(count) elements) but holds \(data.count)")
        }
        return Tensor(checked: shape, data)
    }

    private static func decodeRaw(_ raw: Data, type: ElementType, count: Int, name: String) throws(ModelError)
        -> TensorData
    {
        guard let width = type.byteWidth, type != .string else {
            throw ModelError("\(name) holds strings as raw bytes, which ONNX does not allow")
        }
        guard raw.count == count * width else {
            throw ModelError("\(name) has \(count) elements of \(width) bytes but \(raw.count) bytes of data")
        }
        switch type {
        case .float: return .float(littleEndian(raw, count: count))
        case .double: return .double(littleEndian(raw, count: count))
        case .int64: return .int64(littleEndian(raw, count: count))
        case .int32: return .int32(littleEndian(raw, count: count))
        case .int16: return .int16(littleEndian(raw, count: count))
        case .int8: return .int8(littleEndian(raw, count: count))
        case .uint64: return .uint64(littleEndian(raw, count: count))
        case .uint32: return .uint32(littleEndian(raw, count: count))
        case .uint16: return .uint16(littleEndian(raw, count: count))
        case .uint8: return .uint8(littleEndian(raw, count: count))
        case .bool: return .bool((littleEndian(raw, count: count) as [UInt8]).map { $0 != 0 })
        default: throw ModelError("\(name) holds \(type) elements, which Serve does not run")
        }
    }

    /// The elements laid out in `raw`, copied at once (x86-64 and arm64 are little-endian, as ONNX's raw data is).
    private static func littleEndian<Element: BitwiseCopyable>(_ raw: Data, count: Int) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            raw.withUnsafeBytes { bytes in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: bytes[..<(count * MemoryLayout<Element>.stride)]))
            }
            initialized = count
        }
    }

    private static func decodeTyped(_ proto: Onnx_TensorProto, type: ElementType) throws(ModelError) -> TensorData {
        switch type {
        case .float: return .float(proto.floatData)
        case .double: return .double(proto.doubleData)
        case .int64: return .int64(proto.int64Data)
        case .int32: return .int32(proto.int32Data)
        case .int16: return .int16(proto.int32Data.map { Int16(truncatingIfNeeded: $0) })
        case .int8: return .int8(proto.int32Data.map { Int8(truncatingIfNeeded: $0) })
        case .uint64: return .uint64(proto.uint64Data)
        case .uint32: return .uint32(proto.uint64Data.map { UInt32(truncatingIfNeeded: $0) })
        case .uint16: return .uint16(proto.int32Data.map { UInt16(truncatingIfNeeded: $0) })
        case .uint8: return .uint8(proto.int32Data.map { UInt8(truncatingIfNeeded: $0) })
        case .bool: return .bool(proto.int32Data.map { $0 != 0 })
        case .string: return .string(proto.stringData.map { String(decoding: $0, as: UTF8.self) })
        default: throw ModelError("tensor '\(proto.name)' holds \(type) elements, which Serve does not run")
        }
    }
}

/// Where a tensor kept outside the model file is: ONNX's `location`, `offset` and `length` entries.
struct ExternalDataReference: Sendable {
    /// The file's path, relative to the model's folder.
    let location: String
    let offset: Int
    /// The number of bytes, or nil for "to the end of the file".
    let length: Int?
    /// The tensor's name, for messages.
    let tensorName: String

    init(_ proto: Onnx_TensorProto, name: String) throws(ModelError) {
        var entries: [String: String] = [:]
        for entry in proto.externalData { entries[entry.key] = entry.value }
        guard let location = entries["location"], !location.isEmpty else {
            throw ModelError("\(name) keeps its data in another file but does not say which")
        }
        guard !location.hasPrefix("/"), !location.split(separator: "/").contains("..") else {
            throw ModelError("\(name) keeps its data at '\(location)', outside the model's folder")
        }
        guard let offset = Int(entries["offset"] ?? "0"), offset >= 0 else {
            throw ModelError("\(name) has external data offset '\(entries["offset"] ?? "")', not a byte count")
        }
        let length = entries["length"].flatMap { Int($0) }
        if let text = entries["length"], length == nil || length! < 0 {
            throw ModelError("\(name) has external data length '\(text)', not a byte count")
        }
        self.location = location
        self.offset = offset
        self.length = length
        self.tensorName = name
    }
}
