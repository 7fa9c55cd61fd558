extension JSONValue {
    /// Parses a whole JSON text (strictly, as requests are checked) into a document: how clients read
    /// responses whose shape they do not know in advance.
    public init(parsing bytes: [UInt8]) throws(JSONParseError) {
        do {
            try JSONSyntax.validate(bytes)
        } catch {
            throw JSONParseError(message: error.message)
        }
        var reader = JSONReader(bytes: bytes, range: 0..<bytes.count)
        self = Self.read(&reader)
    }

    /// Parses a JSON text.
    public init(parsing text: String) throws(JSONParseError) {
        try self.init(parsing: Array(text.utf8))
    }

    /// Reads the value at the reader's position. The syntax has been checked, so the first byte tells
    /// the kind of value and every read succeeds.
    private static func read(_ reader: inout JSONReader) -> JSONValue {
        reader.skipWhitespace()
        let start = reader.index
        switch reader.bytes[start] {
        case UInt8(ascii: "n"):
            _ = reader.readNull()
            return .null
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            return .bool((try? reader.readBool()) ?? false)
        case UInt8(ascii: "\""):
            return .string((try? reader.readString()) ?? "")
        case UInt8(ascii: "["):
            reader.index += 1
            var elements: [JSONValue] = []
            while reader.nextElement() { elements.append(read(&reader)) }
            return .array(elements)
        case UInt8(ascii: "{"):
            reader.index += 1
            var members: [(key: String, value: JSONValue)] = []
            while let key = reader.nextKey() { members.append((key, read(&reader))) }
            return .object(members)
        default:
            if let value = try? reader.readInteger(Int.self) { return .integer(value) }
            reader.index = start
            if let value = try? reader.readDouble() { return .number(value) }
            // Beyond Double's range (1e400): kept as written.
            reader.index = start
            return .encoded(String(decoding: reader.bytes[reader.skipValue()], as: UTF8.self))
        }
    }

    /// The value as a string, if it is one.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The value as an integer, if it is one.
    public var integerValue: Int? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The value as a Boolean, if it is one.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements, if the value is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }
}

/// A text that is not JSON.
public struct JSONParseError: Error, CustomStringConvertible {
    /// What is wrong and where: `Malformed JSON at byte 3: …`.
    public let message: String

    public var description: String { message }
}
