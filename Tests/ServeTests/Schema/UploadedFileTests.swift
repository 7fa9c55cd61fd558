import Testing

@testable import Serve

@Suite struct UploadedFileTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]

    @Test func recognisesTheMediaTypeWhenNoneOrOctetStreamIsDeclared() {
        #expect(UploadedFile(bytes: Self.png).mediaType == "image/png")
        #expect(UploadedFile(bytes: Self.png, mediaType: "application/octet-stream").mediaType == "image/png")
        #expect(UploadedFile(bytes: [0xFF, 0xD8, 0xFF, 0xE0]).mediaType == "image/jpeg")
        #expect(UploadedFile(bytes: [1, 2, 3]).mediaType == "application/octet-stream")
        #expect(UploadedFile(bytes: Self.png, mediaType: "Image/PNG; x=1").mediaType == "image/png")
    }

    @Test func readsBase64AndDataURLsFromJSON() throws {
        let plain = try UploadedFile(jsonDocument: Array("\"\(Base64.encode(Self.png))\"".utf8))
        #expect(plain.bytes == Self.png && plain.mediaType == "image/png")
        let url = try UploadedFile(
            jsonDocument: Array("\"data:text/csv;base64,\(Base64.encode(Array("a,b".utf8)))\"".utf8))
        #expect(url.bytes == Array("a,b".utf8) && url.mediaType == "text/csv")
    }

    @Test func refusesWhatIsNotBase64() {
        #expect(throws: JSONDocumentError.self) { try UploadedFile(jsonDocument: Array("\"not base64!\"".utf8)) }
        #expect(throws: JSONDocumentError.self) { try UploadedFile(jsonDocument: Array("\"data:text/plain,hi\"".utf8)) }
        #expect(throws: JSONDocumentError.self) { try UploadedFile(jsonDocument: Array("42".utf8)) }
    }

    /// The OpenAPI document's `pattern` for a file field allows exactly the text the reader accepts: checked
    /// on chosen cases and on 20,000 strings drawn (with a fixed seed) from the characters that matter.
    @Test func theDocumentedPatternMatchesExactlyWhatIsRead() throws {
        let pattern = try Regex(UploadedFile.fieldPattern).matchingSemantics(.unicodeScalar)
        func agree(_ text: String) -> Bool {
            let read = (try? UploadedFile(field: text)) != nil
            let allowed = (try? pattern.wholeMatch(in: text)) != nil
            return read == allowed
        }
        let chosen = [
            "", "QQ", "QUI", "QUJD", "Q", "QUJDR", "QQ==", "QQ=", "Q===", "=", "QUJD\r\nRA==\n", "Q\nQ",
            "QQ==Q", "a-_b", "a+/b", "\u{8F}", "data:image/png;base64,QUJD", "data:;base64,", "data:a,b;base64,QQ",
            "data:image/png,QUJD", "data:x;base64,Q", "datA:x;base64,QQ", "QU JD", "QUJD,",
        ]
        for text in chosen { #expect(agree(text), "\(text.debugDescription)") }
        var generator = SeededRandom(seed: 2026)
        let pieces = ["A", "z", "0", "+", "/", "-", "_", "=", "\n", "\r", " ", ",", ":", "data:", ";base64,", "é", "%"]
        for _ in 0..<20_000 {
            let length = Int(generator.next() % 12)
            let text = (0..<length).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            #expect(agree(text), "\(text.debugDescription)")
        }
    }

    @Test func isDescribedAsABinaryString() {
        #expect(UploadedFile.jsonSchema.isBinary)
        #expect(!UploadedFile.jsonSchema.isScalar)
        #expect(JSONSchema.binary(mediaTypes: ["image/png", "image/jpeg"]).contentMediaType == "image/*")
        #expect(JSONOutput(UploadedFile(bytes: Array("hi".utf8))).text == "\"aGk=\"")
    }

    @Test func textTypesReadUTF8Uploads() throws {
        #expect(try String(upload: UploadedFile(bytes: Array("héllo".utf8))) == "héllo")
        #expect(try Int(upload: UploadedFile(bytes: Array("42".utf8))) == 42)
        #expect(throws: ArgumentError.self) { try String(upload: UploadedFile(bytes: [0xFF, 0xFE])) }
    }
}
