internal import NIOCore

/// Writes JSON straight into a response buffer: what a function's result becomes on the wire.
///
/// Commas are placed automatically: any value or key that follows a complete value in the same
/// container gets one.
public struct JSONWriter {
    var buffer: ByteBuffer
    private var needsComma = false

    init(capacity: Int = 64) {
        buffer = ByteBuffer()
        buffer.reserveCapacity(capacity)
    }

    /// Writes `null`.
    public mutating func writeNull() {
        separate()
        buffer.writeStaticString("null")
        needsComma = true
    }

    /// Writes `true` or `false`.
    public mutating func write(_ value: Bool) {
        separate()
        buffer.writeStaticString(value ? "true" : "false")
        needsComma = true
    }

    /// Writes an integer.
    public mutating func write<T: FixedWidthInteger>(_ value: T) {
        separate()
        if value == 0 {
            buffer.writeInteger(UInt8(ascii: "0"))
        } else {
            if value < 0 { buffer.writeInteger(UInt8(ascii: "-")) }
            var digits: (UInt64, Int) = (UInt64(value.magnitude), 0)
            // Digits are produced backwards into a small stack buffer.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { scratch in
                while digits.0 > 0 {
                    scratch[19 - digits.1] = UInt8(ascii: "0") + UInt8(digits.0 % 10)
                    digits.0 /= 10
                    digits.1 += 1
                }
                buffer.writeBytes(UnsafeBufferPointer(rebasing: scratch[(20 - digits.1)...]))
            }
        }
        needsComma = true
    }

    /// Writes a number in its shortest exact form; NaN and infinities, which JSON lacks, become `null`.
    public mutating func write(_ value: Double) {
        guard value.isFinite else { return writeNull() }
        separate()
        buffer.writeString(value.description)  // shortest round-trip form, always valid JSON when finite
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
        buffer.writeInteger(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Writes a member's key and colon.
    public mutating func writeKey(_ key: String) {
        separate()
        writeQuoted(key)
        buffer.writeInteger(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Closes an object.
    public mutating func endObject() {
        buffer.writeInteger(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Opens an array; write its elements, then ``endArray()``.
    public mutating func beginArray() {
        separate()
        buffer.writeInteger(UInt8(ascii: "["))
        needsComma = false
    }

    /// Closes an array.
    public mutating func endArray() {
        buffer.writeInteger(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Copies already-encoded JSON text as one value.
    mutating func writeRaw(_ json: String) {
        separate()
        buffer.writeString(json)
        needsComma = true
    }

    /// Copies a result encoded elsewhere as one value.
    mutating func write(_ output: JSONOutput) {
        separate()
        var body = output.buffer
        buffer.writeBuffer(&body)
        needsComma = true
    }

    /// The text written so far.
    var text: String { String(buffer: buffer) }

    private mutating func separate() {
        if needsComma { buffer.writeInteger(UInt8(ascii: ",")) }
    }

    private mutating func writeQuoted(_ string: String) {
        buffer.writeInteger(UInt8(ascii: "\""))
        var utf8 = string.utf8[...]
        while let special = utf8.firstIndex(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        ) {
            buffer.writeBytes(utf8[..<special])
            let byte = utf8[special]
            switch byte {
            case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case 0x0A: buffer.writeStaticString("\\n")
            case 0x0D: buffer.writeStaticString("\\r")
            case 0x09: buffer.writeStaticString("\\t")
            default:
                buffer.writeStaticString("\\u00")
                buffer.writeInteger(Self.hexDigit(byte >> 4))
                buffer.writeInteger(Self.hexDigit(byte & 0xF))
            }
            utf8 = utf8[utf8.index(after: special)...]
        }
        buffer.writeBytes(utf8)
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}

/// A function's result, encoded as JSON and ready to send.
public struct JSONOutput: Sendable {
    let buffer: ByteBuffer

    /// Encodes `value`.
    public init<T: WireCodable>(_ value: T) {
        var writer = JSONWriter()
        value.writeJSON(to: &writer)
        buffer = writer.buffer
    }

    /// The output of a function that returns nothing: `null`.
    public static var null: JSONOutput {
        var writer = JSONWriter(capacity: 4)
        writer.writeNull()
        return JSONOutput(buffer: writer.buffer)
    }

    /// What `writer` wrote.
    init(_ writer: JSONWriter) { buffer = writer.buffer }

    private init(buffer: ByteBuffer) { self.buffer = buffer }
}

extension JSONOutput {
    /// The encoded text (for tests and logs).
    public var text: String { String(buffer: buffer) }
}
