public import Serve

/// A length an iris organ can have: greater than 0 and at most 30 centimetres (no iris organ is anywhere
/// near 30 cm; larger values are mistakes, millimetres say). Reading one checks it, and its schema states
/// the same bounds, so the OpenAPI document and the server agree on what is valid.
public struct Centimetres: WireCodable, Equatable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    /// The length in centimetres.
    public let value: Double

    /// What a valid length is, as error messages say it.
    public static let expected = "a length in centimetres greater than 0 and at most 30"

    /// A length, or nil when it is not plausible.
    public init?(_ value: Double) {
        guard value > 0, value <= 30 else { return nil }
        self.value = value
    }

    /// A length written in code; it must be plausible.
    public init(floatLiteral value: Double) {
        precondition(value > 0 && value <= 30, "\(value) is not \(Self.expected)")
        self.value = value
    }

    /// A whole length written in code; it must be plausible.
    public init(integerLiteral value: Int) {
        self.init(floatLiteral: Double(value))
    }

    public static var jsonSchema: JSONSchema {
        .constrained(.number(format: "double"), .init(greaterThan: 0, atMost: 30, example: 5.0))
    }

    public init(json reader: inout JSONReader) throws(ArgumentError) {
        let value = try reader.readDouble()
        guard let length = Centimetres(value) else { throw ArgumentError(expected: Self.expected, got: "\(value)") }
        self = length
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.write(value)
    }
}
