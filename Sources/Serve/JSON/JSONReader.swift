/// Reads typed values from JSON that `JSONSyntax` has already accepted.
///
/// Readers throw ``ArgumentError`` for type mismatches only; syntax was settled before. Conformances
/// of ``WireCodable`` and macro-generated code are its clients.
public struct JSONReader {
    package let bytes: [UInt8]
    package var index: Int
    package let end: Int

    package init(bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        self.index = range.lowerBound
        self.end = range.upperBound
    }

    /// Reads a whole text, checking its syntax first: used for form fields and query values.
    package init(validating text: String) throws(JSONSyntaxError) {
        let bytes = Array(text.utf8)
        try JSONSyntax.validate(bytes)
        self.init(bytes: bytes, range: 0..<bytes.count)
    }

    // MARK: Scalars

    /// Consumes `null` and returns true, or returns false and consumes nothing.
    public mutating func readNull() -> Bool {
        skipWhitespace()
        guard index < end, bytes[index] == UInt8(ascii: "n") else { return false }
        index += 4
        return true
    }

    /// Reads `true` or `false`.
    public mutating func readBool() throws(ArgumentError) -> Bool {
        skipWhitespace()
        switch bytes[index] {
        case UInt8(ascii: "t"): index += 4; return true
        case UInt8(ascii: "f"): index += 5; return false
        default: throw mismatch(expected: "boolean")
        }
    }

    /// Reads a number with an integral value that fits `T` (`3` and `3.0` both read as 3).
    public mutating func readInteger<T: FixedWidthInteger>(_ type: T.Type = T.self) throws(ArgumentError) -> T {
        skipWhitespace()
        let start = index
        let number = scanNumber()
        guard !number.isEmpty else { throw mismatch(expected: "integer") }
        if let value = Self.parseInteger(bytes[number], as: T.self) { return value }
        // `2.0` and `1e3` are integers too; their exact value decides, not a rounded Double.
        let integral = Self.integralDigits(bytes[number])
        if let integral, let value = Self.parseInteger(integral[...], as: T.self) { return value }
        index = start
        throw mismatch(
            expected: integral == nil
                ? "integer"
                : "integer between \(T.min) and \(T.max) (\(T.isSigned ? "" : "unsigned ")\(T.bitWidth)-bit)"
        )
    }

    /// Reads a finite number.
    public mutating func readDouble() throws(ArgumentError) -> Double {
        skipWhitespace()
        let start = index
        let plain = bytes.withUnsafeBufferPointer { Self.parsePlainDecimal($0, from: start, end: end) }
        if let plain {
            index = plain.end
            return plain.value
        }
        let number = scanNumber()
        guard !number.isEmpty else { throw mismatch(expected: "number") }
        // An exponent, or too many digits for the fast path: the standard library parses it.
        guard let value = Double(String(decoding: bytes[number], as: UTF8.self)), value.isFinite else {
            index = start
            throw mismatch(expected: "finite number")
        }
        return value
    }

    /// Reads a string, resolving escapes.
    public mutating func readString() throws(ArgumentError) -> String {
        skipWhitespace()
        guard index < end, bytes[index] == UInt8(ascii: "\"") else { throw mismatch(expected: "string") }
        return scanString()
    }

    // MARK: Containers

    /// Consumes `[`, or throws if the value is not an array. Follow with ``nextElement()``.
    public mutating func beginArray(expected: @autoclosure () -> String) throws(ArgumentError) {
        skipWhitespace()
        guard index < end, bytes[index] == UInt8(ascii: "[") else { throw mismatch(expected: expected()) }
        index += 1
    }

    /// Moves to the next element of the array being read; false (with `]` consumed) at its end.
    public mutating func nextElement() -> Bool {
        skipWhitespace()
        switch bytes[index] {
        case UInt8(ascii: "]"):
            index += 1
            return false
        case UInt8(ascii: ","):
            index += 1
            return true
        default:
            return true
        }
    }

    /// Consumes `{`, or throws if the value is not an object. Follow with ``nextKey()``.
    public mutating func beginObject(expected: @autoclosure () -> String) throws(ArgumentError) {
        skipWhitespace()
        guard index < end, bytes[index] == UInt8(ascii: "{") else { throw mismatch(expected: expected()) }
        index += 1
    }

    /// Reads the next member's key and its `:`; nil (with `}` consumed) at the object's end.
    public mutating func nextKey() -> String? {
        guard nextMember() else { return nil }
        let key = scanString()
        consumeColon()
        return key
    }

    /// Reads the key at the reader (after ``nextMember()``) and its `:`, returning the range of its bytes
    /// between the quotes, escapes left as they are, and whether it holds any: matching plain keys to
    /// known names then makes no `String`.
    package mutating func nextRawKey() -> (bytes: Range<Int>, isEscaped: Bool) {
        let quote = index
        let isEscaped = skipString()
        let key = quote + 1..<index - 1
        consumeColon()
        return (key, isEscaped)
    }

    /// Consumes the key at the reader (after ``nextMember()``) and its `:` if it is `name` written without
    /// escapes, as keys nearly always are; otherwise consumes nothing. The key's end is not searched for,
    /// so `name` must be one that JSON writes without escapes (no `"` or `\`).
    package mutating func nextKey(is name: String) -> Bool {
        let count = name.utf8.count
        let closingQuote = index + 1 + count
        guard closingQuote < end, bytes[closingQuote] == UInt8(ascii: "\""), raw(index + 1..<closingQuote, is: name)
        else { return false }
        index = closingQuote + 1
        consumeColon()
        return true
    }

    /// Whether the bytes in `range` are `name`'s UTF-8, compared where they lie.
    package func raw(_ range: Range<Int>, is name: String) -> Bool {
        name.utf8.count == range.count
            && bytes.withUnsafeBytes { json in
                name.utf8.withContiguousStorageIfAvailable { name in
                    range.isEmpty
                        || Self.sameBytes(
                            json.baseAddress! + range.lowerBound, UnsafeRawPointer(name.baseAddress!),
                            count: range.count)
                } ?? json[range].elementsEqual(name.utf8)
            }
    }

    /// Whether the `count` bytes at `first` and `second` are equal, compared eight at a time: names are
    /// short, and a `memcmp` call costs more than the comparison.
    @inline(__always)
    private static func sameBytes(_ first: UnsafeRawPointer, _ second: UnsafeRawPointer, count: Int) -> Bool {
        var offset = 0
        while offset + 8 <= count {
            guard
                first.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    == second.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            else { return false }
            offset += 8
        }
        while offset < count {
            guard
                first.load(fromByteOffset: offset, as: UInt8.self)
                    == second.load(fromByteOffset: offset, as: UInt8.self)
            else { return false }
            offset += 1
        }
        return true
    }

    /// Moves to the next member's key (its opening quote), to be read with ``nextRawKey()`` or
    /// ``nextKey(is:)``; false (with `}` consumed) at the object's end.
    package mutating func nextMember() -> Bool {
        skipWhitespace()
        if bytes[index] == UInt8(ascii: "}") {
            index += 1
            return false
        }
        if bytes[index] == UInt8(ascii: ",") {
            index += 1
            skipWhitespace()
        }
        return true
    }

    private mutating func consumeColon() {
        skipWhitespace()
        index += 1
    }

    /// The text of a string whose bytes between the quotes are `raw` (from ``nextRawKey()``).
    package func string(at raw: Range<Int>) -> String {
        var reader = JSONReader(bytes: bytes, range: raw.lowerBound - 1..<raw.upperBound + 1)
        return reader.scanString()
    }

    /// The byte range of the value at the current position, which is skipped.
    package mutating func skipValue() -> Range<Int> {
        skipWhitespace()
        let start = index
        switch bytes[index] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            skipContainer()
        case UInt8(ascii: "\""):
            skipString()
        default:
            index += 1
            while index < end, !Self.endsScalar(bytes[index]) { index += 1 }
        }
        return start..<index
    }

    /// The byte range of the value at the current position, which is skipped, given where it ends (as
    /// ``JSONSyntax/validateRecordingTopLevelValueEnds(_:)`` found).
    package mutating func skipValue(endingAt end: Int) -> Range<Int> {
        skipWhitespace()
        let start = index
        index = end
        return start..<end
    }

    /// Skips an array or object (index at its opening bracket). Its syntax was checked, so only brackets
    /// and strings (which may hold brackets) matter; every other byte is passed over.
    private mutating func skipContainer() {
        var depth = 0
        repeat {
            switch bytes[index] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                index += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                index += 1
            case UInt8(ascii: "\""):
                skipString()
            default:
                index += 1
            }
        } while depth > 0
    }

    /// A type mismatch at the current value, quoting the value.
    public mutating func mismatch(expected: String) -> ArgumentError {
        ArgumentError(expected: expected, got: JSONReader.quote(bytes[skipValue()]))
    }

    // MARK: Scanning

    package mutating func skipWhitespace() {
        while index < end {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    static func endsScalar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), 0x20, 0x09, 0x0A, 0x0D: true
        default: false
        }
    }

    /// Consumes a number token, if one is here, and returns its range (empty if none).
    private mutating func scanNumber() -> Range<Int> {
        let start = index
        guard index < end, bytes[index] == UInt8(ascii: "-") || bytes[index] &- UInt8(ascii: "0") < 10 else {
            return start..<start
        }
        while index < end, !Self.endsScalar(bytes[index]) { index += 1 }
        return start..<index
    }

    /// Skips a string token (index at its opening quote); true if it holds an escape.
    @discardableResult
    private mutating func skipString() -> Bool {
        index = PlainRun.skip(bytes, from: index + 1, end: end, asciiOnly: false)
        var isEscaped = false
        while bytes[index] != UInt8(ascii: "\"") {
            if bytes[index] == UInt8(ascii: "\\") {
                isEscaped = true
                index += 2
            } else {
                index += 1
            }
        }
        index += 1
        return isEscaped
    }

    /// Reads a string token (index at its opening quote).
    private mutating func scanString() -> String {
        let start = index + 1
        index = PlainRun.skip(bytes, from: start, end: end, asciiOnly: false)
        while bytes[index] != UInt8(ascii: "\"") && bytes[index] != UInt8(ascii: "\\") { index += 1 }
        if bytes[index] == UInt8(ascii: "\"") {
            index += 1
            return String(decoding: bytes[start..<index - 1], as: UTF8.self)
        }
        var utf8 = Array(bytes[start..<index])
        while bytes[index] != UInt8(ascii: "\"") {
            guard bytes[index] == UInt8(ascii: "\\") else {
                utf8.append(bytes[index])
                index += 1
                continue
            }
            let escaped = bytes[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = UInt32(readHexUnit())
                if (0xD800...0xDBFF).contains(scalar) {
                    index += 2  // the validated "\u" of the low surrogate
                    scalar = 0x10000 + (scalar - 0xD800) << 10 + (UInt32(readHexUnit()) - 0xDC00)
                }
                utf8.append(contentsOf: Unicode.UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}")!)
            default: utf8.append(escaped)  // \" \\ \/
            }
        }
        index += 1
        return String(decoding: utf8, as: UTF8.self)
    }

    private mutating func readHexUnit() -> UInt16 {
        var unit: UInt16 = 0
        for _ in 0..<4 {
            unit = unit << 4 | UInt16(hexValue(bytes[index]) ?? 0)
            index += 1
        }
        return unit
    }

    /// The value as the client wrote it, shortened for an error message.
    package static func quote(_ text: ArraySlice<UInt8>) -> String {
        let limit = 60
        guard text.count > limit else { return String(decoding: text, as: UTF8.self) }
        var cut = text.startIndex + limit
        while text[cut] & 0xC0 == 0x80 { cut -= 1 }  // do not split a character
        return String(decoding: text[..<cut], as: UTF8.self) + "…"
    }
}
