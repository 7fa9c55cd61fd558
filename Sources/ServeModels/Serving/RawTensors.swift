import Serve

/// Tensors as the Open Inference Protocol carries them (``RawTensor``): elements little-endian, back to
/// back, a string as its 4-byte length and its UTF-8 bytes.
extension Tensor {
    /// The tensor `raw` holds, its elements of `type`; nil when the bytes are not exactly the shape's
    /// count of such elements (or a string is not UTF-8, or the type is one Serve does not hold).
    init?(_ raw: RawTensor, type: ElementType) {
        guard let count = Tensor.elementCount(raw.shape), let data = TensorData(raw.bytes, type: type, count: count)
        else { return nil }
        self.init(checked: raw.shape, data)
    }

    /// The tensor's shape and elements' bytes.
    var raw: RawTensor { RawTensor(shape: shape, bytes: data.littleEndianBytes) }
}

extension Value {
    /// The value as the protocol carries it: a tensor as it is; a sequence (ZipMap's list of label →
    /// score maps) as one string element per item, its JSON text; a map as one such element.
    var raw: RawTensor {
        func text(_ value: Value) -> String {
            var writer = JSONWriter()
            TensorJSON.write(value, to: &writer)
            return writer.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        }
        switch self {
        case .tensor(let tensor): return tensor.raw
        case .sequence(let values):
            return RawTensor(shape: [values.count], bytes: TensorData.string(values.map(text)).littleEndianBytes)
        case .map: return RawTensor(shape: [1], bytes: TensorData.string([text(self)]).littleEndianBytes)
        }
    }
}

extension TensorData {
    /// `count` elements of `type` read from `bytes`, or nil when the bytes hold more or fewer.
    init?(_ bytes: [UInt8], type: ElementType, count: Int) {
        func load<Stored: FixedWidthInteger, Element>(_: Stored.Type, _ make: (Stored) -> Element) -> [Element]? {
            let width = MemoryLayout<Stored>.size
            guard bytes.count == count * width else { return nil }
            return bytes.withUnsafeBytes { buffer in
                (0..<count).map {
                    make(Stored(littleEndian: buffer.loadUnaligned(fromByteOffset: $0 * width, as: Stored.self)))
                }
            }
        }
        let data: TensorData? =
            switch type {
            case .float: load(UInt32.self, Float.init(bitPattern:)).map { .float($0) }
            case .double: load(UInt64.self, Double.init(bitPattern:)).map { .double($0) }
            case .int64: load(Int64.self, { $0 }).map { .int64($0) }
            case .int32: load(Int32.self, { $0 }).map { .int32($0) }
            case .int16: load(Int16.self, { $0 }).map { .int16($0) }
            case .int8: load(Int8.self, { $0 }).map { .int8($0) }
            case .uint64: load(UInt64.self, { $0 }).map { .uint64($0) }
            case .uint32: load(UInt32.self, { $0 }).map { .uint32($0) }
            case .uint16: load(UInt16.self, { $0 }).map { .uint16($0) }
            case .uint8: bytes.count == count ? .uint8(bytes) : nil
            case .bool: bytes.count == count ? .bool(bytes.map { $0 != 0 }) : nil
            case .string:
                RawTensor.byteStrings(in: bytes[...], count: count).flatMap { elements in
                    let strings = elements.compactMap { String(validating: $0, as: UTF8.self) }
                    return strings.count == count ? .string(strings) : nil
                }
            case .float16, .bfloat16, .complex64, .complex128: nil
            }
        guard let data else { return nil }
        self = data
    }

    /// The elements' bytes, each little-endian; a string as its length (4 bytes) and its UTF-8 bytes.
    var littleEndianBytes: [UInt8] {
        func store<Stored: FixedWidthInteger, Element>(_ values: [Element], _ stored: (Element) -> Stored) -> [UInt8] {
            let width = MemoryLayout<Stored>.size
            return [UInt8](unsafeUninitializedCapacity: values.count * width) { buffer, initialized in
                let raw = UnsafeMutableRawBufferPointer(buffer)
                for (index, value) in values.enumerated() {
                    raw.storeBytes(of: stored(value).littleEndian, toByteOffset: index * width, as: Stored.self)
                }
                initialized = values.count * width
            }
        }
        switch self {
        case .float(let values): return store(values, \.bitPattern)
        case .double(let values): return store(values, \.bitPattern)
        case .int64(let values): return store(values, { $0 })
        case .int32(let values): return store(values, { $0 })
        case .int16(let values): return store(values, { $0 })
        case .int8(let values): return store(values, { $0 })
        case .uint64(let values): return store(values, { $0 })
        case .uint32(let values): return store(values, { $0 })
        case .uint16(let values): return store(values, { $0 })
        case .uint8(let values): return values
        case .bool(let values): return values.map { $0 ? 1 : 0 }
        case .string(let values):
            var bytes: [UInt8] = []
            for value in values { RawTensor.appendByteString(value.utf8, to: &bytes) }
            return bytes
        }
    }
}
