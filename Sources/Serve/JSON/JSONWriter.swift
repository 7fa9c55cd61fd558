/// Writes JSON straight into a byte array: what a function's result becomes on the wire.
///
/// Commas are placed automatically: any value or key that follows a complete value in the same
/// container gets one. The bytes are a plain array rather than a `ByteBuffer`, whose every small write
/// pays for a dynamic exclusivity check; the response copies them once.
public struct JSONWriter {
    package private(set) var bytes: [UInt8] = []
    private var needsComma = false

    package init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// Writes `null`.
    public mutating func writeNull() {
        separate()
        write(static: "null")
        needsComma = true
    }

    /// Writes `true` or `false`.
    public mutating func write(_ value: Bool) {
        separate()
        write(static: value ? "true" : "false")
        needsComma = true
    }

    /// Writes an integer.
    public mutating func write<T: FixedWidthInteger>(_ value: T) {
        separate()
        if value == 0 {
            bytes.append(UInt8(ascii: "0"))
        } else {
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            var digits: (UInt64, Int) = (UInt64(value.magnitude), 0)
            // Digits are produced backwards into a small stack buffer.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { scratch in
                while digits.0 > 0 {
                    scratch[19 - digits.1] = UInt8(ascii: "0") + UInt8(digits.0 % 10)
                    digits.0 /= 10
                    digits.1 += 1
                }
                bytes += scratch[(20 - digits.1)...]
            }
        }
        needsComma = true
    }

    /// Writes a number in its shortest exact form; NaN and infinities, which JSON lacks, become `null`.
    public mutating func write(_ value: Double) {
        guard value.isFinite else { return writeNull() }
        separate()
        // The shortest round-trip form, always valid JSON when finite. `write(to:)` formats on the stack
        // and hands the sink the ASCII bytes, where `description` would allocate a String for most doubles.
        var sink = TextSink()
        swap(&sink.bytes, &bytes)
        value.write(to: &sink)
        swap(&sink.bytes, &bytes)
        needsComma = true
    }

    /// Writes a string, escaping what JSON requires.
    public mutating func write(_ value: String) {
        separate()
        writeQuoted(value)
        needsComma = true
    }

    /// Opens an object; follow with ``writeKey(_:)`` and a value per member, then ``endObject()``.
    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Writes a member's key and colon.
    public mutating func writeKey(_ key: String) {
        separate()
        writeQuoted(key)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes a member's key given already quoted and followed by its colon (`"\"name\":"`), as the code
    /// that `@Schema` generates does for field names, which need no escaping.
    public mutating func writeKey(quoted key: StaticString) {
        separate()
        write(static: key)
        needsComma = false
    }

    /// Closes an object.
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Opens an array; write its elements, then ``endArray()``.
    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// Closes an array.
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Copies already-encoded JSON text as one value.
    package mutating func writeRaw(_ json: String) {
        separate()
        bytes += json.utf8
        needsComma = true
    }

    /// Copies a result encoded elsewhere as one value.
    package mutating func write(_ output: JSONOutput) {
        separate()
        bytes += output.bytes
        needsComma = true
    }

    /// The text written so far.
    package var text: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func writeQuoted(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var start = 0
            for (index, byte) in utf8.enumerated()
            where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes += utf8[start..<index]
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""): write(static: "\\\"")
                case UInt8(ascii: "\\"): write(static: "\\\\")
                case 0x0A: write(static: "\\n")
                case 0x0D: write(static: "\\r")
                case 0x09: write(static: "\\t")
                default:
                    write(static: "\\u00")
                    bytes.append(Self.hexDigit(byte >> 4))
                    bytes.append(Self.hexDigit(byte & 0xF))
                }
            }
            bytes += utf8[start...]
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func write(static text: StaticString) {
        bytes += UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}

/// Lets the standard library's number formatting append to a writer's bytes.
private struct TextSink: TextOutputStream {
    var bytes: [UInt8] = []
    mutating func write(_ string: String) { bytes += string.utf8 }
    /// What the standard library's number formatting calls with its stack buffer; without it, each number
    /// would become a `String` on the heap first.
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes += buffer }
}

/// A function's result, encoded as JSON and ready to send.
public struct JSONOutput: Sendable {
    package let bytes: [UInt8]

    /// The output of a function that returns nothing: `null`.
    public static var null: JSONOutput {
        var writer = JSONWriter(capacity: 4)
        writer.writeNull()
        return JSONOutput(writer)
    }

    /// What `writer` wrote.
    package init(_ writer: JSONWriter) { bytes = writer.bytes }
}

extension JSONOutput {
    /// The encoded text (for tests and logs).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
