import Testing

@testable import Serve

/// Strings are checked and read eight bytes at a time: a byte that ends the plain run must be found at every
/// position of a word, in strings of every length around a word's size.
@Suite struct PlainRunTests {
    static let specials: [(insert: String, decoded: String)] = [
        ("\\\"", "\""), ("\\\\", "\\"), ("\\n", "\n"), ("\\u00e9", "é"), ("é", "é"), ("😀", "😀"),
    ]

    @Test(arguments: 0..<20)
    func findsEscapesAndUnicodeAtEveryPosition(_ position: Int) throws {
        for length in [position + 1, position + 8, 24] {
            for special in Self.specials {
                let before = String(repeating: "a", count: position)
                let after = String(repeating: "b", count: length - position)
                let json = "[\"\(before)\(special.insert)\(after)\", \"x\"]"
                try JSONSyntax.validate(Array(json.utf8))
                var reader = JSONReader(bytes: Array(json.utf8), range: 0..<json.utf8.count)
                #expect(try [String](json: &reader) == [before + special.decoded + after, "x"], "\(json)")
            }
        }
    }

    @Test(arguments: 0..<20)
    func rejectsControlCharactersAndBadUTF8AtEveryPosition(_ position: Int) {
        for bad: [UInt8] in [[0x0A], [0x1F], [0x00], [0xFF], [0xC3, 0x28]] {
            let bytes =
                Array("\"".utf8) + Array(repeating: UInt8(ascii: "a"), count: position) + bad
                + Array(repeating: UInt8(ascii: "b"), count: 12) + Array("\"".utf8)
            #expect(throws: JSONSyntaxError.self, "\(bad) at \(position)") { try JSONSyntax.validate(bytes) }
        }
    }
}
