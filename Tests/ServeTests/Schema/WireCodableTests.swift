import Testing

@testable import Serve
@testable import ServeFixtures

/// Reads `text` (checked first) as `T`.
func decode<T: WireCodable>(_ type: T.Type, _ text: String) throws -> T {
    var reader = try JSONReader(validating: text)
    return try T(json: &reader)
}

func problems<T: WireCodable>(_ type: T.Type, _ text: String) -> [Problem] {
    do {
        _ = try decode(type, text)
        return []
    } catch let error as ArgumentError {
        return error.problems
    } catch {
        return [Problem(field: "?", expected: "?", got: "\(error)")]
    }
}

@Suite struct WireCodableTests {
    @Test func readsScalars() throws {
        #expect(try decode(Int.self, "42") == 42)
        #expect(try decode(Int.self, "-9223372036854775808") == Int.min)
        #expect(try decode(Int.self, "3.0") == 3)
        #expect(try decode(Int.self, "1e3") == 1000)
        #expect(try decode(Int.self, "-1.5e1") == -15)
        #expect(try decode(Int.self, "120e-1") == 12)
        #expect(try decode(Int.self, "0.0e-999") == 0)
        #expect(try decode(Int.self, "-9.223372036854775808E18") == Int.min)
        #expect(try decode(Double.self, "5.9") == 5.9)
        #expect(try decode(Double.self, "-0.5e-3") == -0.0005)
        #expect(try decode([Double].self, "[7,0.125 ,-3]") == [7, 0.125, -3])
        #expect(try decode(Double.self, "-0").sign == .minus)
        #expect(try decode(Double.self, "0.30000000000000004") == 0.30000000000000004)
        #expect(try decode(Bool.self, "false") == false)
        #expect(try decode(String.self, #""a\"b\\c\n\u00e9\ud83d\ude00""#) == "a\"b\\c\né😀")
        #expect(try decode(UInt8.self, "255") == 255)
    }

    @Test func reportsMismatchesWithTheValueReceived() {
        #expect(problems(Int.self, "1.5") == [Problem(field: "", expected: "integer", got: "1.5")])
        #expect(problems(Int.self, "\"10\"") == [Problem(field: "", expected: "integer", got: "\"10\"")])
        #expect(problems(UInt8.self, "256").first?.expected == "integer between 0 and 255 (unsigned 8-bit)")
        #expect(problems(Int.self, "99999999999999999999").first?.expected.hasPrefix("integer between") == true)
        #expect(problems(Double.self, "1e400") == [Problem(field: "", expected: "finite number", got: "1e400")])
        // Integers are read exactly: going through Double would round these onto Int.min or 1.
        #expect(problems(Int.self, "-9223372036854775809").first?.expected.hasPrefix("integer between") == true)
        #expect(problems(Int.self, "-9.223372036854775809e18").first?.expected.hasPrefix("integer between") == true)
        #expect(problems(Int.self, "1.00000000000000001").first?.expected == "integer")
        #expect(problems(Int.self, "1e100000000000").first?.expected.hasPrefix("integer between") == true)
        #expect(problems(Bool.self, "1") == [Problem(field: "", expected: "boolean", got: "1")])
        #expect(problems(Double.self, "\"5.9\"") == [Problem(field: "", expected: "number", got: "\"5.9\"")])
        #expect(problems(Double.self, "true") == [Problem(field: "", expected: "number", got: "true")])
        #expect(problems(String.self, "null") == [Problem(field: "", expected: "string", got: "null")])
    }

    @Test func readsOptionalsArraysAndDictionaries() throws {
        #expect(try decode(Int?.self, "null") == nil)
        #expect(try decode(Int?.self, "7") == 7)
        #expect(try decode([Int].self, "[1, 2, 3]") == [1, 2, 3])
        #expect(try decode([String: Double].self, #"{"a": 1, "b": 2.5}"#) == ["a": 1, "b": 2.5])
        #expect(problems([Int].self, #"[1, "x", 3, true]"#).map(\.field) == ["[1]", "[3]"])
        #expect(problems([String: Int].self, #"{"a": 1, "a": 2}"#).map(\.field) == ["a"])
    }

    @Test func readsEnumsByRawValue() throws {
        #expect(try decode(Color.self, "\"blue\"") == .blue)
        #expect(
            problems(Color.self, "\"pink\"") == [
                Problem(field: "", expected: #"one of "red", "green", "blue""#, got: "\"pink\"")
            ])
        #expect(try Color(field: "red") == .red)
    }

    @Test func readsStructsListingEveryProblem() throws {
        #expect(try decode(Point.self, #"{"x": 1, "label": "a"}"#) == Point(x: 1, y: 0, label: "a"))
        let found = problems(Point.self, #"{"y": "high", "z": 1}"#)
        #expect(Set(found.map(\.field)) == ["z", "x", "y"])
        #expect(problems(Point.self, "[1]") == [Problem(field: "", expected: "Point object", got: "[1]")])
    }

    @Test func fieldsReadTextAsTheDeclaredType() throws {
        #expect(try Int(field: "10") == 10)
        #expect(String(field: "10") == "10")
        #expect(try Int?(field: "") == nil)
        #expect(try [Int](field: "[1,2]") == [1, 2])
        #expect(throws: ArgumentError.self) { try Int(field: "ten") }
    }

    @Test func writesCompactJSON() {
        #expect(JSONOutput(30).text == "30")
        #expect(JSONOutput(-12).text == "-12")
        #expect(JSONOutput(0.1).text == "0.1")
        #expect(JSONOutput(2.0).text == "2.0")
        #expect(JSONOutput(Double.nan).text == "null")
        #expect(JSONOutput("a\"b\n\u{1}é").text == #""a\"b\n\u0001é""#)
        #expect(JSONOutput([1, 2]).text == "[1,2]")
        #expect(JSONOutput(["b": 1, "a": 2]).text == #"{"a":2,"b":1}"#)
        #expect(JSONOutput(Point(x: 1, y: 2, label: nil)).text == #"{"x":1.0,"y":2.0,"label":null}"#)
        #expect(JSONOutput(Color.red).text == #""red""#)
    }

    @Test func roundTripsWhatItWrites() throws {
        let point = Point(x: -1.25, y: 1e-7, label: "é \"quoted\"")
        #expect(try decode(Point.self, JSONOutput(point).text) == point)
    }
}

@Suite struct NumberParsingTests {
    /// The reader's fast path for plain decimals must agree with the standard library to the last bit, and
    /// its fallback must read every other number as the standard library does.
    @Test(arguments: [
        "5.9", "-0.25", "0.1", "3.0", "123456789012345", "0.000000000000001", "99999.9999999999", "-0",
        "1e3", "2.5E-3", "1234567890123456789", "0.1234567890123456789", "179769313486231570000",
    ])
    func agreesWithTheStandardLibrary(_ text: String) throws {
        #expect(try readDouble(text).bitPattern == Double(text)!.bitPattern)
    }

    @Test func agreesOnManyDecimals() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let whole = state >> 40 % 100_000
            let fraction = (state >> 8) % 1_000_000_000
            let text = "\(whole).\(String(fraction).leftPadded(to: 9))"
            #expect(try readDouble(text).bitPattern == Double(text)!.bitPattern, "\(text)")
        }
    }

    private func readDouble(_ text: String) throws -> Double {
        var reader = try JSONReader(validating: text)
        return try reader.readDouble()
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
