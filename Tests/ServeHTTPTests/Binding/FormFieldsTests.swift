import Testing

@testable import Serve
@testable import ServeFixtures
@testable import ServeHTTP

@Suite struct FormFieldsTests {
    @Test func decodesURLEncodedForms() throws {
        let fields = try FormFields.urlencoded(Array("a=10&b=x+y%21&c=&d".utf8))
        #expect(fields.map(\.name) == ["a", "b", "c", "d"])
        #expect(fields.map(\.value) == ["10", "x y!", "", ""])
        #expect(throws: RequestError.self) { try FormFields.urlencoded(Array("a=%G1".utf8)) }
        #expect(throws: RequestError.self) { try FormFields.urlencoded(Array("a=%FF".utf8)) }
    }

    @Test func decodesMultipartForms() throws {
        let body =
            "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n10\r\n--XyZ\r\n"
            + "Content-Disposition: form-data; name=\"b\"\r\nContent-Type: text/plain\r\n\r\n2\r\n0\r\n--XyZ--\r\n"
        let fields = try FormFields.multipart(Array(body.utf8), contentType: "multipart/form-data; boundary=XyZ").fields
        #expect(fields.map(\.name) == ["a", "b"])
        #expect(fields.map(\.value) == ["10", "2\r\n0"])
        #expect(throws: RequestError.self) {
            try FormFields.multipart(Array("junk".utf8), contentType: "multipart/form-data; boundary=XyZ")
        }
        #expect(throws: RequestError.self) {
            try FormFields.multipart(Array(body.utf8), contentType: "multipart/form-data")
        }
    }

    @Test func separatesFilesFromTextFields() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0xFF, 0x00]
        let body =
            Array("--B\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n--B\r\n".utf8)
            + Array("Content-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n".utf8)
            + Array("Content-Type: application/octet-stream\r\n\r\n".utf8) + png + Array("\r\n--B--\r\n".utf8)
        let form = try FormFields.multipart(body, contentType: "multipart/form-data; boundary=B")
        #expect(form.fields.map(\.name) == ["note"])
        #expect(form.files.map(\.name) == ["image"])
        let file = try #require(form.files.first?.file)
        #expect(file.bytes == png)
        #expect(file.mediaType == "image/png")  // recognised, since the client only said octet-stream
        #expect(file.fileName == "a.png")
    }
}
