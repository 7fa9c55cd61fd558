import Testing

@testable import ServeMacros

@Suite struct DocCommentTests {
    @Test func readsSummaryDiscussionParametersAndReturns() {
        let doc = DocComment(lines: [
            " Adds two integers.", "", " Overflow is reported", " as an error.", " - Parameters:",
            "   - a: The first addend.", "   - b: The second", "     addend.", " - Returns: The sum.",
            " - Throws: Never.",
        ])
        #expect(doc.summary == "Adds two integers.")
        #expect(doc.discussion == "Overflow is reported as an error.")
        #expect(doc.parameters == ["a": "The first addend.", "b": "The second addend."])
        #expect(doc.returns == "The sum.")
    }

    @Test func readsSingleParameterForm() {
        let doc = DocComment(lines: [" Greets.", " - Parameter name: Who to greet.", " - Returns: A greeting."])
        #expect(doc.parameters == ["name": "Who to greet."])
        #expect(doc.returns == "A greeting.")
        #expect(doc.discussion == nil)
    }

    @Test func emptyWithoutDocComment() {
        #expect(DocComment(lines: []) == DocComment(lines: [""]))
        #expect(DocComment(lines: []).summary == nil)
    }
}
