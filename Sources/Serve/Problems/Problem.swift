/// One thing wrong with a request's arguments, as the client sees it in the `errors` list.
public struct Problem: Sendable, Hashable, CustomStringConvertible {
    /// The argument, with a path into it for nested values: `a`, `point.x`, `values[2]`.
    public var field: String
    /// What the function accepts there: `integer`, `array of number`, `one of "red", "green"`.
    public var expected: String
    /// What the request held there: the JSON text (shortened), `nothing` when missing.
    public var got: String

    /// Creates a problem report.
    public init(field: String, expected: String, got: String) {
        self.field = field
        self.expected = expected
        self.got = got
    }

    /// `field: expected …, got …`.
    public var description: String { (field.isEmpty ? "" : "\(field): ") + "expected \(expected), got \(got)" }

    /// This problem seen from one level up: `x` inside `point` becomes `point.x`.
    package func nested(in parent: String) -> Problem {
        var copy = self
        if field.isEmpty {
            copy.field = parent
        } else if field.hasPrefix("[") {
            copy.field = parent + field
        } else {
            copy.field = parent + "." + field
        }
        return copy
    }
}

/// Arguments or values that do not fit: the one error type for everything wrong with a request's values.
///
/// ``WireCodable`` readers throw it when a value does not have the declared type, listing every problem
/// found so a client can fix them all at once. A served function throws it when an argument is well-typed
/// but unacceptable (out of range, say). Either way the client gets a 422 naming each field.
public struct ArgumentError: Error, Sendable {
    /// Everything wrong, with fields relative to the value being read.
    public var problems: [Problem]
    /// Whether the values do not fit (422), or a file cannot be read at all (400, 415).
    public var reason: Reason

    /// Why arguments were refused, which decides the status the client gets.
    public enum Reason: Sendable, Comparable {
        /// Values of the wrong type or out of range: 422.
        case invalid
        /// A file in a format the parameter does not take: 415.
        case unsupportedMediaType
        /// A file in the right format that its decoder cannot read (truncated, corrupt): 400.
        case undecodable
    }

    /// Reports that `field` should have been `expected` but was `got`; an empty field is the value itself.
    public init(field: String = "", expected: String, got: String, reason: Reason = .invalid) {
        problems = [Problem(field: field, expected: expected, got: got)]
        self.reason = reason
    }

    /// Reports several problems at once.
    public init(problems: [Problem], reason: Reason = .invalid) {
        self.problems = problems
        self.reason = reason
    }
}
