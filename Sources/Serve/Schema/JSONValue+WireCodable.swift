/// Any JSON value as a parameter or result (FastAPI's `dict`): read as it was sent, written as it is,
/// described by the empty schema.
extension JSONValue: WireCodable {
    public static var jsonSchema: JSONSchema { .any }

    public init(json reader: inout JSONReader) throws(ArgumentError) {
        let value = reader.skipValue()
        do {
            self = try JSONValue(parsing: Array(reader.bytes[value]))
        } catch {
            // The body's syntax was checked before any value is read, so this is not reached in practice.
            throw ArgumentError(expected: "any JSON value", got: error.message)
        }
    }

    /// A query-string or form field: its text as JSON when it is JSON (`10`, `[1, 2]`, `{"a": 1}`),
    /// else as a string.
    public init(field text: String) {
        self = (try? JSONValue(parsing: text)) ?? .string(text)
    }

    public func writeJSON(to writer: inout JSONWriter) { write(to: &writer) }
}
