/// A request body that is not one strict RFC 8259 JSON text.
package struct JSONSyntaxError: Error, Equatable {
    /// The offset of the first offending byte.
    package var offset: Int
    /// What was wrong there, as a phrase.
    package var reason: String

    /// One readable sentence for the client.
    package var message: String { "Malformed JSON at byte \(offset): \(reason)." }
}

/// Checks that bytes hold exactly one strict JSON text (RFC 8259) in valid UTF-8, building nothing.
///
/// The check is iterative, so deep nesting cannot exhaust the stack; nesting deeper than
/// ``maximumDepth`` is rejected. Once a body has passed, ``JSONReader`` reads it without re-checking.
package enum JSONSyntax {
    /// The deepest nesting of arrays and objects a request may use.
    package static let maximumDepth = 64

    /// Throws the first syntax problem in `bytes`, if any.
    package static func validate(_ bytes: [UInt8]) throws(JSONSyntaxError) {
        _ = try scan(bytes, recordingTopLevelValueEnds: false)
    }

    /// Throws the first syntax problem in `bytes`, if any; returns where each value directly inside the
    /// top-level array or object ends (one past its last byte), in order, so that a reader can step over
    /// such a value without scanning it again (``JSONReader/skipValue(endingAt:)``).
    package static func validateRecordingTopLevelValueEnds(_ bytes: [UInt8]) throws(JSONSyntaxError) -> [Int] {
        try scan(bytes, recordingTopLevelValueEnds: true) ?? []
    }

    private static func scan(_ bytes: [UInt8], recordingTopLevelValueEnds: Bool) throws(JSONSyntaxError) -> [Int]? {
        try bytes.withUnsafeBufferPointer { bytes throws(JSONSyntaxError) in
            var scanner = Scanner(bytes: bytes)
            if recordingTopLevelValueEnds { scanner.topLevelValueEnds = [] }
            try scanner.scanDocument()
            return scanner.topLevelValueEnds
        }
    }

    /// Walks the bytes where they lie: a scan reads every byte of a body, and an array's checked subscript
    /// costs a measurable share of it.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        /// The open containers, innermost last: bit `depth - 1` is set for an object, clear for an array.
        /// 64 bits hold the deepest nesting allowed, so validating allocates nothing.
        var containers = ContainerStack()
        /// Where the values directly inside the top-level container end, when asked for.
        var topLevelValueEnds: [Int]?

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func scanDocument() throws(JSONSyntaxError) {
            skipWhitespace()
            if index == bytes.count { throw JSONSyntaxError(offset: 0, reason: "the body is empty") }
            valueLoop: while true {
                if try scanValueStart() { continue valueLoop }  // a container opened: its first value is next
                // After a complete value: close containers or move to the next member or element.
                while true {
                    if containers.depth == 1, topLevelValueEnds != nil { topLevelValueEnds!.append(index) }
                    skipWhitespace()
                    guard let isObject = containers.innermostIsObject else { break valueLoop }
                    guard index < bytes.count else {
                        throw error("the text ends inside an \(isObject ? "object" : "array")")
                    }
                    switch bytes[index] {
                    case UInt8(ascii: ","):
                        index += 1
                        if isObject { try scanKey() }
                        continue valueLoop
                    case UInt8(ascii: "}") where isObject, UInt8(ascii: "]") where !isObject:
                        index += 1
                        containers.pop()
                    default:
                        throw error(isObject ? "expected ',' or '}'" : "expected ',' or ']'")
                    }
                }
            }
            if index != bytes.count { throw error("unexpected data after the JSON value") }
        }

        /// Scans a scalar or an empty container and returns false, or opens a container (with the first
        /// key of an object) and returns true.
        mutating func scanValueStart() throws(JSONSyntaxError) -> Bool {
            skipWhitespace()
            guard index < bytes.count else { throw error("expected a value but the text ends") }
            switch bytes[index] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = bytes[index] == UInt8(ascii: "{")
                if containers.depth == JSONSyntax.maximumDepth {
                    throw error("nesting is deeper than \(JSONSyntax.maximumDepth) levels")
                }
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: isObject ? "}" : "]") {
                    index += 1
                    return false
                }
                containers.push(isObject: isObject)
                if isObject { try scanKey() }
                return true
            case UInt8(ascii: "\""): try scanString()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try scanNumber()
            case UInt8(ascii: "t"): try scanLiteral("true")
            case UInt8(ascii: "f"): try scanLiteral("false")
            case UInt8(ascii: "n"): try scanLiteral("null")
            default: throw error("expected a value")
            }
            return false
        }

        /// Scans `"key" :`.
        mutating func scanKey() throws(JSONSyntaxError) {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error("expected a string key in double quotes")
            }
            try scanString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
            index += 1
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func scanLiteral(_ word: StaticString) throws(JSONSyntaxError) {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count,
                (0..<count).allSatisfy({ bytes[index + $0] == word.utf8Start[$0] })
            else { throw error("expected a value") }
            index += count
        }

        mutating func scanNumber() throws(JSONSyntaxError) {
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit") }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
                if index < bytes.count, isDigit(bytes[index]) { throw error("numbers may not have leading zeros") }
            } else {
                skipDigits()
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit after '.'") }
                skipDigits()
            }
            if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                    index += 1
                }
                guard index < bytes.count, isDigit(bytes[index]) else {
                    throw error("expected a digit in the exponent")
                }
                skipDigits()
            }
        }

        mutating func skipDigits() {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }

        func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

        mutating func scanString() throws(JSONSyntaxError) {
            index = PlainRun.skip(bytes, from: index + 1, end: bytes.count, asciiOnly: true)  // after the opening quote
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return
                case UInt8(ascii: "\\"):
                    try scanEscape()
                case 0..<0x20:
                    throw error("control characters must be escaped in strings")
                case 0..<0x80:
                    index += 1
                default:
                    try scanUTF8Sequence()
                }
            }
            throw error("the text ends inside a string")
        }

        mutating func scanEscape() throws(JSONSyntaxError) {
            index += 1
            guard index < bytes.count else { throw error("the text ends inside a string") }
            switch bytes[index] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                index += 1
            case UInt8(ascii: "u"):
                let unit = try scanHexUnit()
                if (0xDC00...0xDFFF).contains(unit) { throw error("a lone low surrogate in a \\u escape") }
                if (0xD800...0xDBFF).contains(unit) {
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                        bytes[index + 1] == UInt8(ascii: "u")
                    else { throw error("a high surrogate must be followed by a low surrogate") }
                    index += 1
                    guard (0xDC00...0xDFFF).contains(try scanHexUnit()) else {
                        throw error("a high surrogate must be followed by a low surrogate")
                    }
                }
            default:
                throw error("invalid escape sequence")
            }
        }

        /// Scans `uXXXX` (index at the `u`) and returns the code unit.
        mutating func scanHexUnit() throws(JSONSyntaxError) -> UInt16 {
            guard index + 4 < bytes.count else { throw error("incomplete \\u escape") }
            var unit: UInt16 = 0
            for offset in 1...4 {
                guard let digit = hexValue(bytes[index + offset]) else {
                    throw error("invalid hex digit in \\u escape")
                }
                unit = unit << 4 | UInt16(digit)
            }
            index += 5
            return unit
        }

        /// Checks one multi-byte UTF-8 sequence (RFC 3629: no overlongs, no surrogates, at most U+10FFFF).
        mutating func scanUTF8Sequence() throws(JSONSyntaxError) {
            let lead = bytes[index]
            let length: Int
            var secondRange: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; secondRange = 0xA0...0xBF
            case 0xED: length = 3; secondRange = 0x80...0x9F
            case 0xE1...0xEF: length = 3
            case 0xF0: length = 4; secondRange = 0x90...0xBF
            case 0xF4: length = 4; secondRange = 0x80...0x8F
            case 0xF1...0xF3: length = 4
            default: throw error("invalid UTF-8")
            }
            guard index + length <= bytes.count, secondRange.contains(bytes[index + 1]) else {
                throw error("invalid UTF-8")
            }
            for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 {
                throw error("invalid UTF-8")
            }
            index += length
        }

        func error(_ reason: String) -> JSONSyntaxError { JSONSyntaxError(offset: index, reason: reason) }
    }
}

/// The value of an ASCII hex digit, or nil.
/// Up to 64 open containers as bits: set for an object, clear for an array.
private struct ContainerStack {
    private var kinds: UInt64 = 0
    private(set) var depth = 0

    /// Whether the innermost container is an object; nil when none is open.
    var innermostIsObject: Bool? { depth == 0 ? nil : kinds & (1 << (depth - 1)) != 0 }

    mutating func push(isObject: Bool) {
        if isObject { kinds |= 1 << depth } else { kinds &= ~(1 << depth) }
        depth += 1
    }

    mutating func pop() { depth -= 1 }
}

package func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
}
