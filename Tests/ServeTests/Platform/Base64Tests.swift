import Testing

@testable import Serve

@Suite struct Base64Tests {
    @Test(arguments: ["", "f", "fo", "foo", "foob", "fooba", "foobar"])
    func roundTripsRFC4648Vectors(text: String) throws {
        let encoded = Base64.encode(Array(text.utf8))
        let expected = [
            "": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=",
            "foobar": "Zm9vYmFy",
        ][text]
        #expect(encoded == expected)
        #expect(try Base64.decode(encoded[...]) == Array(text.utf8))
    }

    @Test func acceptsMissingPaddingLineBreaksAndTheURLSafeAlphabet() throws {
        #expect(try Base64.decode("Zm9vYg") == Array("foob".utf8))
        #expect(try Base64.decode("Zm9v\r\nYmFy") == Array("foobar".utf8))
        #expect(try Base64.decode("-_8=") == [0xFB, 0xFF])
    }

    @Test func namesWhatIsWrong() {
        #expect { try Base64.decode("Zm9v*mFy") } throws: { error in
            (error as? Base64.DecodingError)?.reason == "'*' at offset 4 is not base64"
        }
        #expect(throws: Base64.DecodingError.self) { try Base64.decode("Zm9vY") }
        #expect(throws: Base64.DecodingError.self) { try Base64.decode("Zm=9v") }
    }
}
