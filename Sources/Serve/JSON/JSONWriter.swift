/// Writes JSON straight into memory: what a function's result becomes on the wire.
///
/// Commas are placed automatically: any value or key that follows a complete value in the same
/// container gets one. A writer cannot be copied, so it owns its bytes alone and writes them without a
/// copy-on-write check (an array's append pays one per write); the ``JSONOutput`` it becomes takes them
/// as they are.
public struct JSONWriter: ~Copyable {
    fileprivate var storage: JSONBytes
    private var capacity: Int
    /// How many bytes are written.
    package private(set) var count = 0
    private var needsComma = false

    /// A writer with room for `capacity` bytes before it grows. The default holds most results in one
    /// allocation (a sentiment prediction with its evidence is about 340 bytes).
    package init(capacity: Int = 512) {
        storage = .allocate(capacity: capacity)
        self.capacity = storage.capacity
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
            append(UInt8(ascii: "0"))
        } else {
            if value < 0 { append(UInt8(ascii: "-")) }
            var digits: (UInt64, Int) = (UInt64(value.magnitude), 0)
            // Digits are produced backwards into a small stack buffer.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { scratch in
                while digits.0 > 0 {
                    scratch[19 - digits.1] = UInt8(ascii: "0") + UInt8(digits.0 % 10)
                    digits.0 /= 10
                    digits.1 += 1
                }
                append(UnsafeBufferPointer(rebasing: scratch[(20 - digits.1)...]))
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
        withUnsafeMutablePointer(to: &self) { writer in
            var sink = TextSink(writer: writer)
            value.write(to: &sink)
        }
        needsComma = true
    }

    /// Writes a single-precision number in its shortest exact form (`0.1`, not the `0.10000000149011612` its
    /// `Double` would give); NaN and infinities become `null`.
    public mutating func write(_ value: Float) {
        guard value.isFinite else { return writeNull() }
        separate()
        withUnsafeMutablePointer(to: &self) { writer in
            var sink = TextSink(writer: writer)
            value.write(to: &sink)
        }
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
        append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Writes a member's key and colon.
    public mutating func writeKey(_ key: String) {
        separate()
        writeQuoted(key)
        append(UInt8(ascii: ":"))
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
        append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Opens an array; write its elements, then ``endArray()``.
    public mutating func beginArray() {
        separate()
        append(UInt8(ascii: "["))
        needsComma = false
    }

    /// Closes an array.
    public mutating func endArray() {
        append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Copies already-encoded JSON text as one value.
    package mutating func writeRaw(_ json: String) {
        separate()
        append(json)
        needsComma = true
    }

    /// Copies a result encoded elsewhere as one value.
    package mutating func write(_ output: JSONOutput) {
        separate()
        output.withUnsafeBytes { append($0.assumingMemoryBound(to: UInt8.self)) }
        needsComma = true
    }

    /// Calls `body` with the bytes written so far.
    package func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try storage.withUnsafeBytes(count: count, body)
    }

    /// The text written so far.
    package var text: String { storage.text(count: count) }

    private mutating func separate() {
        if needsComma { append(UInt8(ascii: ",")) }
    }

    // MARK: Storage

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: count + 1) }
        storage.start[count] = byte
        count += 1
    }

    @inline(__always)
    fileprivate mutating func append(_ source: UnsafeBufferPointer<UInt8>) {
        guard let from = source.baseAddress else { return }
        if source.count > capacity - count { grow(toHold: count + source.count) }
        (storage.start + count).initialize(from: from, count: source.count)
        count += source.count
    }

    fileprivate mutating func append(_ string: String) {
        var string = string
        string.withUTF8 { append($0) }
    }

    /// Moves the bytes to an allocation at least twice as large; rare, so kept out of line.
    @inline(never)
    private mutating func grow(toHold needed: Int) {
        let larger = JSONBytes.allocate(capacity: max(needed, capacity * 2))
        larger.start.initialize(from: storage.start, count: count)
        storage = larger
        capacity = larger.capacity
    }

    private mutating func writeQuoted(_ string: String) {
        append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var start = 0
            for (index, byte) in utf8.enumerated()
            where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                append(UnsafeBufferPointer(rebasing: utf8[start..<index]))
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""): write(static: "\\\"")
                case UInt8(ascii: "\\"): write(static: "\\\\")
                case 0x0A: write(static: "\\n")
                case 0x0D: write(static: "\\r")
                case 0x09: write(static: "\\t")
                default:
                    write(static: "\\u00")
                    append(Self.hexDigit(byte >> 4))
                    append(Self.hexDigit(byte & 0xF))
                }
            }
            append(UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        append(UInt8(ascii: "\""))
    }

    private mutating func write(static text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}

/// Lets the standard library's number formatting append to a writer.
private struct TextSink: TextOutputStream {
    let writer: UnsafeMutablePointer<JSONWriter>
    mutating func write(_ string: String) { writer.pointee.append(string) }
    /// What the standard library's number formatting calls with its stack buffer; without it, each number
    /// would become a `String` on the heap first.
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { writer.pointee.append(buffer) }
}

/// A function's result, encoded as JSON and ready to send.
///
/// Sendable because its bytes never change: the writer that wrote them was consumed to make it.
public struct JSONOutput: @unchecked Sendable {
    private let storage: JSONBytes
    /// How many bytes it has.
    package let count: Int

    /// The output of a function that returns nothing: `null`.
    public static var null: JSONOutput {
        var writer = JSONWriter(capacity: 4)
        writer.writeNull()
        return JSONOutput(writer)
    }

    /// What `writer` wrote; the bytes are taken, not copied.
    package init(_ writer: consuming JSONWriter) {
        count = writer.count
        storage = writer.storage
    }

    /// Calls `body` with the bytes.
    package func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try storage.withUnsafeBytes(count: count, body)
    }
}

extension JSONOutput {
    /// The encoded text (for tests and logs).
    public var text: String { storage.text(count: count) }
}
