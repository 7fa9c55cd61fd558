import Serve
import ServeTesting
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
        #expect(Bundled.functions.map(\.description.name) == ["add"])
        #expect(Bundled.groups.map { $0.groupName } == ["iris", "sentiment", "fashion"])
        #expect($add.description.summary == "Adds two integers.")
        #expect($add.description.parameters.map(\.name) == ["a", "b"])
        #expect($add.description.parameters.map(\.description) == ["The first addend.", "The second addend."])
        #expect($add.description.resultDescription == "The sum.")
    }

    @Test(arguments: [TestService.Transport.inProcess, .live])
    func answersWhatAClientSends(_ transport: TestService.Transport) async throws {
        try await TestService(functions: [$add]).test(transport) { client in
            #expect(try await add(on: client, a: 10, b: 20) == 30)
            #expect(try await client.get("/add?a=10&b=20").text == "30")
            let tooLarge = try await client.post("/add", json: #"{"a": 2147483648, "b": 1}"#)
            #expect(tooLarge.status == 422)
            #expect(tooLarge.json?["errors"]?.arrayValue?.first?["field"]?.stringValue == "a")
        }
    }
}
