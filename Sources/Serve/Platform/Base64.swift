/// Base64 (RFC 4648) for files sent inside JSON and for model weights stored as text.
package enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The value of each byte in the standard or the URL-safe alphabet; 0xFF for anything else.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    /// Encodes `bytes` with padding.
    package static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var iterator = bytes.makeIterator()
        while let first = iterator.next() {
            let second = iterator.next()
            let third = iterator.next()
            let group = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
            output.append(alphabet[Int(group >> 18 & 63)])
            output.append(alphabet[Int(group >> 12 & 63)])
            output.append(second == nil ? UInt8(ascii: "=") : alphabet[Int(group >> 6 & 63)])
            output.append(third == nil ? UInt8(ascii: "=") : alphabet[Int(group & 63)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The text ``decode(_:)`` reads, as a regular expression (ECMA-262, unanchored): groups of four
    /// characters of the standard or URL-safe alphabet, then two more with optional `==`, three with an
    /// optional `=`, or up to two `=` alone; line breaks anywhere.
    package static let pattern =
        #"[\r\n]*(?:(?:[A-Za-z0-9+/_-][\r\n]*){4})*"#
        + #"(?:(?:[A-Za-z0-9+/_-][\r\n]*){2}(?:=[\r\n]*=[\r\n]*)?|(?:[A-Za-z0-9+/_-][\r\n]*){3}(?:=[\r\n]*)?|(?:=[\r\n]*){0,2})"#

    /// Why a text is not base64.
    package struct DecodingError: Error, Sendable {
        /// The reason, for an error message: `character '*' at offset 12 is not base64`.
        package let reason: String
    }

    /// Decodes standard or URL-safe base64 (a whole string as `text[...]`, or a part of a `data:` URL);
    /// padding is optional and line breaks are skipped.
    package static func decode(_ text: Substring) throws(DecodingError) -> [UInt8] {
        var text = text
        return try text.withUTF8 { utf8 in Result { () throws(DecodingError) in try decode(utf8) } }.get()
    }

    // Concrete, not generic over collections: a generic call from another module is not specialised, and
    // looked up type metadata for every byte (most of loading the clothing model's 570 KB of weights).
    private static func decode(_ text: UnsafeBufferPointer<UInt8>) throws(DecodingError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.count / 4 * 3)
        let values = Self.values  // once, not a lazy global's check per byte
        var group: UInt32 = 0
        var count = 0
        var padding = 0
        for (offset, byte) in text.enumerated() {
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { continue }
            if byte == UInt8(ascii: "=") {
                padding += 1
                continue
            }
            let value = values[Int(byte)]
            guard value != 0xFF, padding == 0 else {
                let shown = byte >= 0x20 && byte < 0x7F ? "'\(Character(UnicodeScalar(byte)))'" : "byte \(byte)"
                throw DecodingError(reason: "\(shown) at offset \(offset) is not base64")
            }
            group = group << 6 | UInt32(value)
            count += 1
            if count == 4 {
                output.append(UInt8(group >> 16 & 0xFF))
                output.append(UInt8(group >> 8 & 0xFF))
                output.append(UInt8(group & 0xFF))
                group = 0
                count = 0
            }
        }
        switch count {
        case 0: break
        case 2: output.append(UInt8(group >> 4 & 0xFF))
        case 3:
            output.append(UInt8(group >> 10 & 0xFF))
            output.append(UInt8(group >> 2 & 0xFF))
        default: throw DecodingError(reason: "its length is not that of base64 (one character too many or too few)")
        }
        guard padding <= 2, count == 0 || padding == 0 || count + padding == 4 else {
            throw DecodingError(reason: "its padding ('=') is wrong")
        }
        return output
    }
}
