internal import Serve

/// An element type of the Open Inference Protocol, and how its elements travel: as JSON values in `data`,
/// or little-endian in the binary tensor extension (`BYTES` elements each after a 4-byte length).
enum InferenceDatatype: String {
    case bool = "BOOL"
    case uint8 = "UINT8"
    case uint16 = "UINT16"
    case uint32 = "UINT32"
    case uint64 = "UINT64"
    case int8 = "INT8"
    case int16 = "INT16"
    case int32 = "INT32"
    case int64 = "INT64"
    case fp16 = "FP16"
    case bf16 = "BF16"
    case fp32 = "FP32"
    case fp64 = "FP64"
    case bytes = "BYTES"

    /// Bytes per element in binary data; nil for `BYTES`, whose elements each carry their length.
    var width: Int? {
        switch self {
        case .bool, .uint8, .int8: 1
        case .uint16, .int16, .fp16, .bf16: 2
        case .uint32, .int32, .fp32: 4
        case .uint64, .int64, .fp64: 8
        case .bytes: nil
        }
    }

    /// `leaf` as an element of this type, or nil when it is not one (a fraction for an integer type, a
    /// number out of range, a string for a number).
    func element(_ leaf: JSONValue) -> JSONValue? {
        switch (self, leaf) {
        case (.bool, .bool), (.bytes, .string): return leaf
        case (.fp32, .integer), (.fp32, .number), (.fp64, .integer), (.fp64, .number): return leaf
        case (_, .integer(let value)): return fitsInteger(value) ? leaf : nil
        default: return nil
        }
    }

    private func fitsInteger(_ value: Int) -> Bool {
        switch self {
        case .uint8: UInt8(exactly: value) != nil
        case .uint16: UInt16(exactly: value) != nil
        case .uint32: UInt32(exactly: value) != nil
        case .uint64: value >= 0
        case .int8: Int8(exactly: value) != nil
        case .int16: Int16(exactly: value) != nil
        case .int32: Int32(exactly: value) != nil
        case .int64: true
        default: false
        }
    }

    /// Whether binary data holds exactly `count` elements (each `BYTES` element UTF-8 text).
    func holds(_ bytes: ArraySlice<UInt8>, count: Int) -> Bool {
        guard let width else { return strings(bytes, count: count, base64: false) != nil }
        return bytes.count == count * width
    }

    /// The elements of binary data, or nil when the bytes do not hold `count` of them (or a `BYTES`
    /// element is not UTF-8 text, when `text` asks for it; otherwise its bytes are kept as base64).
    func elements(_ bytes: ArraySlice<UInt8>, count: Int, base64: Bool) -> [JSONValue]? {
        guard let width else { return strings(bytes, count: count, base64: base64) }
        guard bytes.count == count * width else { return nil }
        var elements: [JSONValue] = []
        elements.reserveCapacity(count)
        bytes.withUnsafeBytes { raw in
            for index in 0..<count {
                let offset = index * width
                func load<T: FixedWidthInteger>(_: T.Type) -> T {
                    T(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: T.self))
                }
                let element: JSONValue =
                    switch self {
                    case .bool: .bool(raw[offset] != 0)
                    case .uint8: .integer(Int(raw[offset]))
                    case .int8: .integer(Int(Int8(bitPattern: raw[offset])))
                    case .uint16: .integer(Int(load(UInt16.self)))
                    case .int16: .integer(Int(load(Int16.self)))
                    case .uint32: .integer(Int(load(UInt32.self)))
                    case .int32: .integer(Int(load(Int32.self)))
                    case .uint64:
                        Int(exactly: load(UInt64.self)).map(JSONValue.integer) ?? .number(Double(load(UInt64.self)))
                    case .int64: .integer(Int(load(Int64.self)))
                    case .fp32: .number(Double(Float(bitPattern: load(UInt32.self))))
                    case .fp64: .number(Double(bitPattern: load(UInt64.self)))
                    case .fp16, .bf16, .bytes: .null
                    }
                elements.append(element)
            }
        }
        return elements
    }

    private func strings(_ bytes: ArraySlice<UInt8>, count: Int, base64: Bool) -> [JSONValue]? {
        guard let elements = RawTensor.byteStrings(in: bytes, count: count) else { return nil }
        var strings: [JSONValue] = []
        strings.reserveCapacity(count)
        for element in elements {
            if base64 {
                strings.append(.string(Base64.encode(Array(element))))
            } else {
                guard let text = String(validating: element, as: UTF8.self) else { return nil }
                strings.append(.string(text))
            }
        }
        return strings
    }

    /// Writes `element` (already checked to be of this type) as JSON: floating-point elements as numbers
    /// with a fraction (`1.0`), single precision in its shortest form.
    func write(_ element: JSONValue, to writer: inout JSONWriter) {
        switch (self, element) {
        case (.fp32, .integer(let value)): writer.write(Float(value))
        case (.fp32, .number(let value)): writer.write(Float(value))
        case (.fp64, .integer(let value)): writer.write(Double(value))
        default: element.write(to: &writer)
        }
    }

    /// Appends `element` (already checked to be of this type) as binary data.
    func append(_ element: JSONValue, to bytes: inout [UInt8]) {
        func store<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        let number: Double =
            switch element {
            case .integer(let value): Double(value)
            case .number(let value): value
            default: 0
            }
        let integer = element.integerValue ?? 0
        switch self {
        case .bool: bytes.append(element.boolValue == true ? 1 : 0)
        case .uint8: store(UInt8(truncatingIfNeeded: integer))
        case .int8: store(Int8(truncatingIfNeeded: integer))
        case .uint16: store(UInt16(truncatingIfNeeded: integer))
        case .int16: store(Int16(truncatingIfNeeded: integer))
        case .uint32: store(UInt32(truncatingIfNeeded: integer))
        case .int32: store(Int32(truncatingIfNeeded: integer))
        case .uint64: store(UInt64(truncatingIfNeeded: integer))
        case .int64: store(Int64(integer))
        case .fp32: store(Float(number).bitPattern)
        case .fp64: store(number.bitPattern)
        case .fp16, .bf16: break
        case .bytes: RawTensor.appendByteString((element.stringValue ?? element.text).utf8, to: &bytes)
        }
    }
}
