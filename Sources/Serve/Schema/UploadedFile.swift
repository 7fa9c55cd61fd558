/// A file a client sent: its bytes, media type and file name. A function that takes one accepts it as
/// a multipart file part (`curl -F file=@report.pdf`), as the whole body of a request
/// (`curl --data-binary @report.pdf -H 'Content-Type: application/pdf'`), or inside JSON as base64 or a
/// `data:` URL (so batches work). Serve never fetches a URL a client gives.
public struct UploadedFile: WireCodable, Sendable, Equatable {
    /// The file's content.
    public var bytes: [UInt8]
    /// The media type the client declared (`image/png`), or the one its first bytes show when it declared
    /// none or `application/octet-stream`.
    public var mediaType: String
    /// The file name the client gave, if any (never a path to trust: shown, not opened).
    public var fileName: String?

    /// A file with the given content; the media type is recognised from the first bytes when not given.
    public init(bytes: [UInt8], mediaType: String? = nil, fileName: String? = nil) {
        self.bytes = bytes
        let declared = mediaType.map { $0.split(separator: ";").first.map(String.init) ?? $0 }?.lowercased()
        if let declared, !declared.isEmpty, declared != "application/octet-stream" {
            self.mediaType = declared
        } else {
            self.mediaType = Self.recognisedMediaType(of: bytes) ?? "application/octet-stream"
        }
        self.fileName = fileName
    }

    /// A file accepts any media type.
    public static var jsonSchema: JSONSchema { .binary(mediaTypes: []) }

    /// Reads base64 text or a `data:` URL.
    public init(json reader: inout JSONReader) throws(ArgumentError) {
        try self.init(field: try reader.readString())
    }

    /// The text a file field in JSON may hold, as a regular expression (ECMA-262), for the OpenAPI
    /// document's `pattern`: exactly what ``init(field:)`` reads, base64 alone or after a `data:` URL's
    /// `data:…;base64,`.
    public static let fieldPattern = "^(?:data:[^,]*;base64,)?" + Base64.pattern + "$"

    /// Reads base64 text or a `data:` URL (`data:image/png;base64,iVBOR…`).
    public init(field text: String) throws(ArgumentError) {
        var payload = Substring(text)
        var mediaType: String?
        if text.hasPrefix("data:") {
            guard let comma = text.firstIndex(of: ","),
                text[..<comma].hasSuffix(";base64")
            else {
                throw ArgumentError(expected: "base64 text or a base64 data: URL", got: "a data: URL without ;base64,")
            }
            mediaType = String(text[text.index(text.startIndex, offsetBy: 5)..<comma].dropLast(7))
            payload = text[text.index(after: comma)...]
        }
        do {
            self.init(bytes: try Base64.decode(payload), mediaType: mediaType)
        } catch {
            throw ArgumentError(expected: "base64 text or a base64 data: URL", got: "text where \(error.reason)")
        }
    }

    /// Takes an uploaded file as it is.
    public init(upload file: UploadedFile) { self = file }

    /// Writes the content as base64 text.
    public func writeJSON(to writer: inout JSONWriter) { writer.write(Base64.encode(bytes)) }

    /// The media type of well-known formats, from their first bytes (their "magic numbers").
    public static func recognisedMediaType(of bytes: [UInt8]) -> String? {
        let signatures: [(prefix: [UInt8], type: String)] = [
            ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "image/png"),
            ([0xFF, 0xD8, 0xFF], "image/jpeg"),
            (Array("GIF8".utf8), "image/gif"),
            (Array("%PDF-".utf8), "application/pdf"),
            ([0x50, 0x4B, 0x03, 0x04], "application/zip"),
        ]
        if bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WEBP".utf8) {
            return "image/webp"
        }
        return signatures.first { bytes.starts(with: $0.prefix) }?.type
    }

    /// A short description for error messages: `a image/gif file of 1,024 bytes`.
    public var summary: String { "a \(mediaType) file of \(bytes.count) bytes" }
}
