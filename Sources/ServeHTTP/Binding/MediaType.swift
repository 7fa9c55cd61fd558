internal import Serve

/// What a request body is, from its Content-Type, as far as binding tells bodies apart.
enum MediaType: Equatable {
    /// No Content-Type, `application/json`, `text/plain` or a `+json` suffix: read as JSON.
    case json
    /// `application/x-www-form-urlencoded`, which `curl -d` sends whatever the body is.
    case urlencodedForm
    /// `multipart/form-data`; its boundary is a parameter of the Content-Type.
    case multipartForm
    /// Anything else, lowercased and without parameters.
    case other(String)

    /// Classifies a Content-Type header value (`application/json; charset=utf-8`).
    init(contentType: String) {
        // What clients send nearly always, compared whole before any parsing.
        switch contentType {
        case "", "application/json":
            self = .json
            return
        case "application/x-www-form-urlencoded":
            self = .urlencodedForm
            return
        default: break
        }
        switch Self.essence(of: contentType) {
        case "", "application/json", "text/plain": self = .json
        case "application/x-www-form-urlencoded": self = .urlencodedForm
        case "multipart/form-data": self = .multipartForm
        case let type where type.hasSuffix("+json"): self = .json
        case let type: self = .other(type)
        }
    }

    /// The media type without its parameters, lowercased: `application/json`.
    private static func essence(of contentType: String) -> String {
        let utf8 = contentType.utf8
        var start = utf8.startIndex
        var end = utf8.firstIndex(of: UInt8(ascii: ";")) ?? utf8.endIndex
        while start < end, utf8[start] == UInt8(ascii: " ") { start = utf8.index(after: start) }
        while start < end, utf8[utf8.index(before: end)] == UInt8(ascii: " ") { end = utf8.index(before: end) }
        let type = Substring(utf8[start..<end])
        // Clients almost always send lowercase; only other spellings pay for lowercasing.
        return type.utf8.contains { $0 &- UInt8(ascii: "A") < 26 } ? type.lowercased() : String(type)
    }
}
