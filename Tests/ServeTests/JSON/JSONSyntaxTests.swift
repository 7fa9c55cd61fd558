import Testing

@testable import Serve
@testable import ServeFixtures

@Suite struct JSONSyntaxTests {
    @Test(arguments: [
        "0", "-1", "1.5e10", "true", "null", "\"a\\u00e9\\ud83d\\ude00\"", "[]", "{}", " [1, {\"a\": [null]}] ",
        "{\"a\": 10, \"b\": 20}", "\"é😀\"",
    ])
    func acceptsValidJSON(_ text: String) throws {
        try JSONSyntax.validate(Array(text.utf8))
    }

    @Test(arguments: [
        ("", "the body is empty"), ("{\"a\": 1", "the text ends inside an object"), ("{", "expected a string key"),
        ("[1,]", "expected a value"),
        ("{\"a\" 1}", "expected ':'"), ("{a: 1}", "expected a string key in double quotes"), ("01", "leading zeros"),
        ("1.", "expected a digit after '.'"), ("NaN", "expected a value"), ("Infinity", "expected a value"),
        ("\"\\x\"", "invalid escape"), ("\"\\ud800\"", "surrogate"), ("[1] 2", "unexpected data"),
        ("\"a\nb\"", "control characters"), ("[1 2]", "expected ',' or ']'"), ("tru", "expected a value"),
    ])
    func rejectsMalformedJSON(_ text: String, reason: String) {
        #expect {
            try JSONSyntax.validate(Array(text.utf8))
        } throws: { error in
            (error as? JSONSyntaxError)?.reason.contains(reason) == true
        }
    }

    @Test(arguments: [
        (
            #"{"instances": [{"a": [1, "]"]}, []], "b": {}, "c": "x" , "d": -1.5}"#,
            ["[{\"a\": [1, \"]\"]}, []]", "{}", "\"x\"", "-1.5"]
        ),
        (#"[ [], {"k": [2]}, 3, "s" ]"#, ["[]", "{\"k\": [2]}", "3", "\"s\""]),
        ("{}", []), ("7", []),
    ])
    func recordsWhereEachTopLevelValueEnds(_ text: String, values: [String]) throws {
        let bytes = Array(text.utf8)
        let ends = try JSONSyntax.validateRecordingTopLevelValueEnds(bytes)
        // Each recorded end is one past a value that ends there, and the values come in order.
        #expect(ends.count == values.count)
        #expect(
            zip(ends, values).allSatisfy { end, value in bytes[..<end].reversed().starts(with: value.utf8.reversed()) })
        #expect(ends == ends.sorted())
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONSyntaxError.self) { try JSONSyntax.validate([0x22, 0xC3, 0x28, 0x22]) }
        // An encoded surrogate.
        #expect(throws: JSONSyntaxError.self) { try JSONSyntax.validate([0x22, 0xED, 0xA0, 0x80, 0x22]) }
    }

    @Test func limitsNestingWithoutExhaustingTheStack() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONSyntaxError.self) { try JSONSyntax.validate(Array(deep.utf8)) }
        let allowed =
            String(repeating: "[", count: JSONSyntax.maximumDepth)
            + String(repeating: "]", count: JSONSyntax.maximumDepth)
        #expect(throws: Never.self) { try JSONSyntax.validate(Array(allowed.utf8)) }
    }
}
