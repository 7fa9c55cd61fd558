import Serve
import Testing

@testable import Handlers

@Suite struct AddTests {
    @Test func addsWithoutOverflow() {
        #expect(add(a: 10, b: 20) == 30)
        #expect(add(a: -5, b: 5) == 0)
        #expect(add(a: .max, b: .max) == 4_294_967_294)
        #expect(add(a: .min, b: .min) == -4_294_967_296)
    }

    @Test func isBundledWithItsDocumentation() {
        #expect(Bundled.functions.map(\.name) == ["add"])
        #expect(Bundled.groups.map { $0.groupName } == ["iris", "sentiment"])
        #expect($add.summary == "Adds two integers.")
        #expect($add.parameters.map(\.name) == ["a", "b"])
        #expect($add.parameters.map(\.description) == ["The first addend.", "The second addend."])
        #expect($add.resultDescription == "The sum.")
    }
}
