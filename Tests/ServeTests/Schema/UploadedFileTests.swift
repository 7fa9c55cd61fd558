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
