import Testing

@testable import Serve
@testable import ServeFixtures

@Suite struct ArgumentsTests {
    private func call(_ function: ServedFunction<Void>, json: String) throws -> String {
        let bound = BoundFunction(function, group: nil, state: ())
        var reader = try JSONReader(validating: json)
        var arguments = try Arguments(json: &reader, names: bound.parameterNames)
        return try result(of: bound, &arguments)
    }

    private func problems(_ function: ServedFunction<Void>, json: String) -> [Problem] {
        do {
            _ = try call(function, json: json)
            return []
        } catch let error as ArgumentError {
            return error.problems
        } catch {
            return []
        }
    }

    @Test func bindsNamedAndPositionalArguments() throws {
        #expect(try call($add, json: #"{"a": 10, "b": 20}"#) == "30")
        #expect(try call($add, json: #"{"b": 20, "a": 10}"#) == "30")
        #expect(try call($add, json: "[10, 20]") == "30")
        // An escaped key names the same argument as its plain spelling.
        #expect(try call($add, json: #"{"\u0061": 10, "b": 20}"#) == "30")
        #expect(problems($add, json: #"{"a": 10, "\u0061": 1, "b": 20}"#).map(\.expected) == ["a single value"])
    }

    @Test func usesDefaultsAndOptionals() throws {
        #expect(try call($describe, json: #"{"count": 2}"#) == #""2 green [] - 1.5""#)
        #expect(
            try call($describe, json: #"{"count": 2, "color": "red", "tags": ["x", "y"], "note": "hi", "scale": 2}"#)
                == #""2 red [x,y] hi 2.0""#)
        #expect(try call($describe, json: #"{"count": 2, "note": null}"#) == #""2 green [] - 1.5""#)
    }

    @Test func listsEveryProblem() {
        let found = problems($describe, json: #"{"color": "pink", "tags": [1], "extra": true}"#)
        #expect(
            found.contains(Problem(field: "extra", expected: "one of count, color, tags, note, scale", got: "true")))
        #expect(found.contains(Problem(field: "count", expected: "integer", got: "nothing")))
        #expect(found.contains(Problem(field: "color", expected: #"one of "red", "green", "blue""#, got: #""pink""#)))
        #expect(found.contains(Problem(field: "tags[0]", expected: "string", got: "1")))
        #expect(found.count == 4)
    }

    @Test func reportsNestedFieldsWithTheirPath() {
        let found = problems($move, json: #"{"point": {"x": "left"}, "by": 1}"#)
        #expect(found == [Problem(field: "point.x", expected: "number", got: #""left""#)])
    }

    @Test func rejectsRepeatedAndSurplusArguments() {
        #expect(
            problems($add, json: #"{"a": 1, "a": 2, "b": 3}"#) == [
                Problem(field: "a", expected: "a single value", got: "it more than once")
            ])
        // The repeat sits where the other name was expected.
        #expect(
            problems($add, json: #"{"b": 1, "b": 2, "a": 3}"#) == [
                Problem(field: "b", expected: "a single value", got: "it more than once")
            ])
        #expect(problems($add, json: "[1, 2, 3]") == [Problem(field: "[2]", expected: "at most 2 arguments", got: "3")])
    }

    @Test func matchesWholeKeysOnly() {
        #expect(
            problems($add, json: #"{"ab": 1, "b": 2}"#) == [
                Problem(field: "a", expected: "integer", got: "nothing"),
                Problem(field: "ab", expected: "one of a, b", got: "1"),
            ])
    }

    @Test func convertsTextFieldsToDeclaredTypes() throws {
        let bound = BoundFunction($describe, group: nil, state: ())
        var arguments = Arguments(
            fields: [("count", "3"), ("color", "blue"), ("note", "")], names: bound.parameterNames)
        #expect(try result(of: bound, &arguments) == #""3 blue [] - 1.5""#)
    }
}
