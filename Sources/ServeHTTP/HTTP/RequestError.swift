internal import Serve

/// A request the runtime refuses before or instead of calling a function. Always sent as
/// `{"error": message, "errors": problems}` with `status`.
struct RequestError: Error {
    /// The HTTP status code (4xx, or 500 when a function failed).
    var status: Int
    /// One readable sentence.
    var message: String
    /// Field-level problems, for 422.
    var problems: [Problem] = []

    static func malformedJSON(_ error: JSONSyntaxError) -> RequestError {
        RequestError(status: 400, message: error.message)
    }

    /// A 422 for arguments that do not fit the function's parameters.
    static func invalidArguments(_ problems: [Problem], function: String) -> RequestError {
        let summary = problems.prefix(3).map { problem in
            problem.got == "nothing"
                ? "'\(problem.field)' is missing"
                : "'\(problem.field)' should be \(problem.expected), got \(problem.got)"
        }
        let more = problems.count > 3 ? " (and \(problems.count - 3) more)" : ""
        return RequestError(
            status: 422,
            message: "Invalid arguments for \(function): \(summary.joined(separator: "; "))\(more).",
            problems: problems
        )
    }

    /// The error document.
    var body: JSONValue { .object(members) }

    /// Writes the error document's members into an object being written (a batch's per-instance errors).
    func write(membersTo writer: inout JSONWriter) {
        for member in members {
            writer.writeKey(member.key)
            member.value.write(to: &writer)
        }
    }

    private var members: [(key: String, value: JSONValue)] {
        var members: [(key: String, value: JSONValue)] = [(key: "error", value: .string(message))]
        if !problems.isEmpty {
            let list = problems.map { problem -> JSONValue in
                ["field": .string(problem.field), "expected": .string(problem.expected), "got": .string(problem.got)]
            }
            members.append((key: "errors", value: .array(list)))
        }
        return members
    }
}
