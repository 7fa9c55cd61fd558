internal import Serve

/// Text fields from a query string, a urlencoded form or a multipart form.
enum FormFields {
    /// Parses `a=10&b=x%20y` (also the query string of a GET). Throws 400 on bad percent-encoding.
    static func urlencoded<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws(RequestError) -> [(
        name: String, value: String
    )] {
        var fields: [(name: String, value: String)] = []
        for pair in bytes.split(separator: UInt8(ascii: "&")) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = try percentDecoded(parts[0])
            let value = parts.count > 1 ? try percentDecoded(parts[1]) : ""
            fields.append((name, value))
        }
        return fields
    }

    private static func percentDecoded(_ text: some Collection<UInt8>) throws(RequestError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        var index = text.startIndex
        while index != text.endIndex {
            let byte = text[index]
            index = text.index(after: index)
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard index != text.endIndex, let high = hexValue(text[index]),
                    text.index(after: index) != text.endIndex, let low = hexValue(text[text.index(after: index)])
                else {
                    throw RequestError(status: 400, message: "Malformed percent-encoding in the form or query string.")
                }
                bytes.append(high << 4 | low)
                index = text.index(index, offsetBy: 2)
            default: bytes.append(byte)
            }
        }
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw RequestError(status: 400, message: "The form or query string is not valid UTF-8 once decoded.")
        }
        return string
    }

    /// A multipart form's parts: text fields, and files (parts with a file name, a media type other than
    /// text, or bytes that are not UTF-8).
    struct Multipart {
        var fields: [(name: String, value: String)] = []
        var files: [(name: String, file: UploadedFile)] = []
    }

    /// Parses a `multipart/form-data` body into its text fields and files.
    static func multipart(_ body: [UInt8], contentType: String) throws(RequestError) -> Multipart {
        guard let boundary = parameter("boundary", in: contentType), !boundary.isEmpty else {
            throw RequestError(
                status: 400, message: "A multipart/form-data body needs a boundary parameter in its Content-Type.")
        }
        let malformed = RequestError(status: 400, message: "Malformed multipart/form-data body.")
        let delimiter = Array("--\(boundary)".utf8)
        var form = Multipart()
        guard var cursor = body.firstRange(of: delimiter)?.upperBound else { throw malformed }
        while true {
            if body[cursor...].starts(with: "--".utf8) { return form }  // the closing delimiter
            guard body[cursor...].starts(with: "\r\n".utf8) else { throw malformed }
            cursor += 2
            guard let headerEnd = body[cursor...].firstRange(of: Array("\r\n\r\n".utf8)),
                let next = body[headerEnd.upperBound...].firstRange(of: Array("\r\n".utf8) + delimiter)
            else { throw malformed }
            let headers = String(decoding: body[cursor..<headerEnd.lowerBound], as: UTF8.self).split(separator: "\r\n")
            func header(_ name: String) -> String? {
                headers.first { $0.lowercased().hasPrefix(name + ":") }.map { String($0.dropFirst(name.count + 1)) }
            }
            guard let disposition = header("content-disposition"), let name = parameter("name", in: disposition)
            else { throw malformed }
            let content = Array(body[headerEnd.upperBound..<next.lowerBound])
            let fileName = parameter("filename", in: disposition)
            let mediaType = header("content-type").map { Substring($0).trimmingSpaces.lowercased() }
            let isText = mediaType.map { $0.hasPrefix("text/") || $0.hasPrefix("application/json") } ?? true
            if fileName == nil, isText, let text = String(validating: content, as: UTF8.self) {
                form.fields.append((name, text))
            } else {
                form.files.append((name, UploadedFile(bytes: content, mediaType: mediaType, fileName: fileName)))
            }
            cursor = next.upperBound
        }
    }

    /// The value of `name=value` or `name="value"` in a header such as Content-Type.
    static func parameter(_ name: String, in header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingSpaces.lowercased() == name else { continue }
            var value = String(pair[1].trimmingSpaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }
}

extension Substring {
    /// Without leading and trailing spaces.
    var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return text
    }
}
