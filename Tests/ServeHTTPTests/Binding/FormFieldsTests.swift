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
        let fields = try FormFields.multipart(Array(body.utf8), contentType: "multipart/form-data; boundary=XyZ")
        #expect(fields.map(\.name) == ["a", "b"])
        #expect(fields.map(\.value) == ["10", "2\r\n0"])
        #expect(throws: RequestError.self) {
            try FormFields.multipart(Array("junk".utf8), contentType: "multipart/form-data; boundary=XyZ")
        }
        #expect(throws: RequestError.self) {
            try FormFields.multipart(Array(body.utf8), contentType: "multipart/form-data")
        }
    }
}
