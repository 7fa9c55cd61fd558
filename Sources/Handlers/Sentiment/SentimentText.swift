public import Serve

/// Text the sentiment model scores: 1 to 10,000 characters, not only spaces, tabs and line breaks.
/// Characters are Unicode code points, as JSON Schema counts them, so the schema's `maxLength` and
/// `pattern` and this check agree on every string.
public struct SentimentText: WireCodable, Equatable, ExpressibleByStringLiteral {
    /// The text.
    public let text: String

    /// The longest text accepted, in code points.
    public static let maximumLength = 10_000
    /// Whether `scalar` does not count as content: ASCII space, tab, line feed, carriage return, form feed
    /// and vertical tab (the complement of the schema's pattern).
    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\n", "\r", "\u{0C}", "\u{0B}": true
        default: false
        }
    }

    /// Checked text.
    public init(_ text: String) throws(ArgumentError) {
        guard text.unicodeScalars.contains(where: { !Self.isBlank($0) }) else {
            throw ArgumentError(
                expected: "text with a character other than spaces, tabs and line breaks", got: JSONOutput(text).text)
        }
        // Code points never outnumber UTF-8 bytes, so only long texts pay for counting them.
        if text.utf8.count > Self.maximumLength, text.unicodeScalars.count > Self.maximumLength {
            throw ArgumentError(
                expected: "at most \(Self.maximumLength) characters", got: "\(text.unicodeScalars.count) characters")
        }
        self.text = text
    }

    /// Text written in code; it must be valid.
    public init(stringLiteral text: String) {
        do {
            try self.init(text)
        } catch {
            preconditionFailure("\(JSONOutput(text).text) is not valid sentiment text")
        }
    }

    public static var jsonSchema: JSONSchema {
        .constrained(.string, .init(minimumLength: 1, maximumLength: maximumLength, pattern: #"[^ \t\n\r\f\v]"#))
    }

    public init(json reader: inout JSONReader) throws(ArgumentError) {
        try self.init(try reader.readString())
    }

    public init(field text: String) throws(ArgumentError) {
        try self.init(text)
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.write(text)
    }
}
