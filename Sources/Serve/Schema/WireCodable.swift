/// A type that functions can take and return: read from a request, written to a response, described
/// by a JSON Schema.
///
/// Scalars, strings, optionals, arrays and string-keyed dictionaries conform here. Structs and enums
/// conform with the ``Schema()`` macro, which derives everything from their declaration; a hand-written
/// conformance is the escape hatch for unusual types.
public protocol WireCodable: Sendable {
    /// The type's schema.
    static var jsonSchema: JSONSchema { get }
    /// Reads a value from JSON, throwing every problem found.
    init(json reader: inout JSONReader) throws(ArgumentError)
    /// Reads a value from a query-string or form field. The default reads the text as JSON, so `10`,
    /// `true` and `[1,2]` work; strings take the text as it is.
    init(field text: String) throws(ArgumentError)
    /// Reads a value from an uploaded file: a multipart file part or a whole request body. The default
    /// reads UTF-8 text as a field; file types (``UploadedFile``, images) take the bytes.
    init(upload file: UploadedFile) throws(ArgumentError)
    /// Writes the value as JSON.
    func writeJSON(to writer: inout JSONWriter)
}

extension WireCodable {
    public init(field text: String) throws(ArgumentError) {
        guard var reader = try? JSONReader(validating: text) else {
            throw ArgumentError(expected: Self.jsonSchema.displayName, got: JSONValue.string(text).text)
        }
        try self.init(json: &reader)
    }

    public init(upload file: UploadedFile) throws(ArgumentError) {
        guard let text = String(validating: file.bytes, as: UTF8.self) else {
            throw ArgumentError(expected: Self.jsonSchema.displayName, got: file.summary)
        }
        try self.init(field: text)
    }
}

extension Bool: WireCodable {
    public static var jsonSchema: JSONSchema { .boolean }
    public init(json reader: inout JSONReader) throws(ArgumentError) { self = try reader.readBool() }
    public func writeJSON(to writer: inout JSONWriter) { writer.write(self) }
}

extension String: WireCodable {
    public static var jsonSchema: JSONSchema { .string }
    public init(json reader: inout JSONReader) throws(ArgumentError) { self = try reader.readString() }
    public init(field text: String) { self = text }
    public func writeJSON(to writer: inout JSONWriter) { writer.write(self) }
}

extension Double: WireCodable {
    public static var jsonSchema: JSONSchema { .number(format: "double") }
    public init(json reader: inout JSONReader) throws(ArgumentError) { self = try reader.readDouble() }
    public func writeJSON(to writer: inout JSONWriter) { writer.write(self) }
}

extension Float: WireCodable {
    public static var jsonSchema: JSONSchema { .number(format: "float") }
    public init(json reader: inout JSONReader) throws(ArgumentError) {
        let value = Float(try reader.readDouble())
        guard value.isFinite else { throw ArgumentError(expected: "number within 32-bit float range", got: "\(value)") }
        self = value
    }
    public func writeJSON(to writer: inout JSONWriter) { writer.write(Double(self)) }
}

/// The shared conformance of the fixed-width integers.
public protocol WireInteger: WireCodable, FixedWidthInteger {}

extension WireInteger {
    /// An integer schema with the type's range: OpenAPI's `int32` and `int64` formats state theirs, and
    /// narrower or unsigned types state theirs as `minimum` and `maximum`.
    public static var jsonSchema: JSONSchema {
        if isSigned, bitWidth == 32 || bitWidth == 64 { return .integer(format: "int\(bitWidth)") }
        // Bounds below 2^53 are exact as JSON numbers; UInt64's maximum is not, so it states only its minimum.
        let maximum = bitWidth < 64 ? Double(Self.max) : nil
        return .constrained(.integer(format: nil), .init(atLeast: Double(Self.min), atMost: maximum))
    }
    public init(json reader: inout JSONReader) throws(ArgumentError) { self = try reader.readInteger(Self.self) }
    public func writeJSON(to writer: inout JSONWriter) { writer.write(self) }
}

extension Int: WireInteger {}
extension Int8: WireInteger {}
extension Int16: WireInteger {}
extension Int32: WireInteger {}
extension Int64: WireInteger {}
extension UInt: WireInteger {}
extension UInt8: WireInteger {}
extension UInt16: WireInteger {}
extension UInt32: WireInteger {}
extension UInt64: WireInteger {}

extension Optional: WireCodable where Wrapped: WireCodable {
    public static var jsonSchema: JSONSchema { .optional(Wrapped.jsonSchema) }

    public init(json reader: inout JSONReader) throws(ArgumentError) {
        self = reader.readNull() ? nil : try Wrapped(json: &reader)
    }

    /// An empty field means nil.
    public init(field text: String) throws(ArgumentError) {
        self = text.isEmpty ? nil : try Wrapped(field: text)
    }

    public func writeJSON(to writer: inout JSONWriter) {
        if let self { self.writeJSON(to: &writer) } else { writer.writeNull() }
    }
}

extension Array: WireCodable where Element: WireCodable {
    public static var jsonSchema: JSONSchema { .array(of: Element.jsonSchema) }

    public init(json reader: inout JSONReader) throws(ArgumentError) {
        try reader.beginArray(expected: Self.jsonSchema.displayName)
        var elements: [Element] = []
        var problems: [Problem] = []
        var position = 0
        while reader.nextElement() {
            if let element = reader.read(Element.self, field: "[\(position)]", problems: &problems) {
                elements.append(element)
            }
            position += 1
        }
        guard problems.isEmpty else { throw ArgumentError(problems: problems) }
        self = elements
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginArray()
        for element in self { element.writeJSON(to: &writer) }
        writer.endArray()
    }
}

extension Dictionary: WireCodable where Key == String, Value: WireCodable {
    public static var jsonSchema: JSONSchema { .map(of: Value.jsonSchema) }

    public init(json reader: inout JSONReader) throws(ArgumentError) {
        try reader.beginObject(expected: Self.jsonSchema.displayName)
        // Members are gathered first, so the dictionary is made at its size once: growing it member by
        // member rehashes every key again and again (most of loading the sentiment model's 33,000 weights).
        var read: [(key: String, value: Value)] = []
        var problems: [Problem] = []
        while let key = reader.nextKey() {
            guard let value = reader.read(Value.self, field: key, problems: &problems) else { continue }
            read.append((key, value))
        }
        var members = [String: Value](minimumCapacity: read.count)
        for (key, value) in read where members.updateValue(value, forKey: key) != nil {
            problems.append(Problem(field: key, expected: "each key once", got: "a repeated key"))
        }
        guard problems.isEmpty else { throw ArgumentError(problems: problems) }
        self = members
    }

    /// Members are written in key order, so the output is deterministic.
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        for key in keys.sorted() {
            writer.writeKey(key)
            self[key]!.writeJSON(to: &writer)
        }
        writer.endObject()
    }
}

// MARK: Enums with raw values

extension WireCodable where Self: RawRepresentable, RawValue: WireCodable {
    public init(json reader: inout JSONReader) throws(ArgumentError) {
        let raw = try RawValue(json: &reader)
        guard let value = Self(rawValue: raw) else {
            throw ArgumentError(expected: Self.jsonSchema.displayName, got: JSONOutput(raw).text)
        }
        self = value
    }

    public init(field text: String) throws(ArgumentError) {
        let raw = try RawValue(field: text)
        guard let value = Self(rawValue: raw) else {
            throw ArgumentError(expected: Self.jsonSchema.displayName, got: JSONValue.string(text).text)
        }
        self = value
    }

    public func writeJSON(to writer: inout JSONWriter) { rawValue.writeJSON(to: &writer) }
}

extension WireCodable where Self: RawRepresentable & CaseIterable, RawValue: WireCodable {
    /// The raw values of every case.
    public static var jsonSchema: JSONSchema {
        .enumeration(of: Array(allCases), name: String(describing: Self.self), description: nil)
    }
}
