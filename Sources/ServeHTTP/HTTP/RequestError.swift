package import Serve

/// A request the runtime refuses before or instead of calling a function. Always sent as
/// `{"error": message, "errors": problems}` with `status`.
package struct RequestError: Error {
    /// The HTTP status code (4xx, or 500 when a function failed).
    package var status: Int
    /// One readable sentence.
    package var message: String
    /// Field-level problems, for 422.
    var problems: [Problem]

    /// A refusal, with the field-level problems behind it where there are some.
    package init(status: Int, message: String, problems: [Problem] = []) {
        self.status = status
        self.message = message
        self.problems = problems
    }

    static func malformedJSON(_ error: JSONSyntaxError) -> RequestError {
        RequestError(status: 400, message: error.message)
    }

    /// A 422 for arguments that do not fit the function's parameters; 415 for a file of a format the
    /// parameter does not take, 400 for one its decoder cannot read.
    static func invalidArguments(
        _ problems: [Problem], function: String, reason: ArgumentError.Reason = .invalid
    ) -> RequestError {
        let summary = problems.prefix(3).map { problem in
            problem.got == "nothing"
                ? "'\(problem.field)' is missing"
                : "'\(problem.field)' should be \(problem.expected), got \(problem.got)"
        }
        let more = problems.count > 3 ? " (and \(problems.count - 3) more)" : ""
        let (status, opening) =
            switch reason {
            case .invalid: (422, "Invalid arguments")
            case .unsupportedMediaType: (415, "Unsupported file type")
            case .undecodable: (400, "Unreadable file")
            }
        return RequestError(
            status: status,
            message: "\(opening) for \(function): \(summary.joined(separator: "; "))\(more).",
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
