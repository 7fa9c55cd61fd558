/// Why a JSON document could not be read as a type.
public enum JSONDocumentError: Error, Sendable, CustomStringConvertible {
    /// The bytes are not JSON; the message names the offset.
    case malformed(String)
    /// The JSON does not fit the type; each problem names a field.
    case mismatch([Problem])

    public var description: String {
        switch self {
        case .malformed(let message): message
        case .mismatch(let problems): problems.map(\.description).joined(separator: "; ")
        }
    }
}

extension WireCodable {
    /// Reads a whole JSON document as a value of this type, with Serve's own strict reader: a remote
    /// function's result, or a handler's data file.
    public init(jsonDocument bytes: [UInt8]) throws(JSONDocumentError) {
        do {
            try JSONSyntax.validate(bytes)
        } catch {
            throw .malformed(error.message)
        }
        var reader = JSONReader(bytes: bytes, range: 0..<bytes.count)
        do {
            self = try Self(json: &reader)
        } catch {
            throw .mismatch(error.problems)
        }
    }
}
