import Testing

@testable import Serve
@testable import ServeFixtures

@Suite struct JSONValueParsingTests {
    @Test func readsEveryKindOfValueInOrder() throws {
        let text = #"{"b": [1, -2.5, 1e400, true, null], "a": {"s": "é\n\u00e9"}, "z": false}"#
        let value = try JSONValue(parsing: text)
        #expect(value.text == #"{"b":[1,-2.5,1e400,true,null],"a":{"s":"é\né"},"z":false}"#)
        #expect(value["a"]?["s"]?.stringValue == "é\né")
        #expect(value["b"]?.arrayValue?.count == 5)
    }

    @Test(arguments: ["", "{", "[1,]", "nul", "{\"a\" 1}", "01"])
    func rejectsWhatIsNotJSON(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
    }

    @Test func printsIndentedText() throws {
        let value = try JSONValue(parsing: #"{"a": [1, {"b": null}], "c": [], "d": "x"}"#)
        #expect(
            value.prettyText
                == "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": [],\n  \"d\": \"x\"\n}")
    }
}
