/// A remote call without a result: the service answered with an error status, could not be reached,
/// or answered something other than the declared result.
public struct RemoteCallError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status of the answer; nil when there was no answer.
    public let status: Int?
    /// The service's `error` message, or what went wrong.
    public let message: String
    /// The service's `errors`: one per bad argument, for a 422.
    public let problems: [Problem]

    /// An error with its parts.
    public init(status: Int?, message: String, problems: [Problem] = []) {
        self.status = status
        self.message = message
        self.problems = problems
    }

    /// Reads a service's error answer: `{"error": "…", "errors": [{"field", "expected", "got"}]}`, or
    /// any other body as text.
    public init(status: Int, body: [UInt8]) {
        guard let document = try? JSONValue(parsing: body), let message = document["error"]?.stringValue else {
            let text = String(decoding: body.prefix(300), as: UTF8.self)
            self.init(status: status, message: text.isEmpty ? "no message" : text)
            return
        }
        let problems = (document["errors"]?.arrayValue ?? []).compactMap { entry -> Problem? in
            guard let field = entry["field"]?.stringValue, let expected = entry["expected"]?.stringValue,
                let got = entry["got"]?.stringValue
            else { return nil }
            return Problem(field: field, expected: expected, got: got)
        }
        self.init(status: status, message: message, problems: problems)
    }

    /// `HTTP 422: Invalid arguments for add: …`, then one line per problem.
    public var description: String {
        let head = (status.map { "HTTP \($0): " } ?? "") + message
        return ([head] + problems.map { "  \($0)" }).joined(separator: "\n")
    }
}
