import AddFunctions
import ServeTesting
import Testing

/// The functions as a client meets them: routed, bound and answered by Serve, without a socket.
@Suite struct AddFunctionsTests {
    let service = TestService(functions: [$add, $divide])

    @Test func addAnswersFromAQueryStringAndAJSONBody() async throws {
        try await service.test(.inProcess) { client in
            let fromQuery = try await client.get("/add?a=10&b=20")
            #expect(fromQuery.text == "30")
            let fromJSON = try await client.post("/add", json: #"{"a": 10, "b": 20}"#)
            #expect(fromJSON.text == "30")
            let typed = try await add(on: client, a: 1, b: 2)
            #expect(typed == 3)
        }
    }

    @Test func divideByZeroIsA422NamingTheDivisor() async throws {
        try await service.test(.inProcess) { client in
            let response = try await client.post("/divide", json: #"{"dividend": 7, "divisor": 0}"#)
            #expect(response.status == 422)
            #expect(response.json?["errors"]?.arrayValue?.first?["field"]?.stringValue == "divisor")
            let quotient = try await divide(on: client, dividend: 7, divisor: 2, rounding: .up)
            #expect(quotient == 4)
        }
    }

    @Test func theSameTestsPassOnARealSocket() async throws {
        try await service.test(.live) { client in
            let sum = try await client.get("/add?a=10&b=20")
            #expect(sum.text == "30")
            let byZero = try await client.get("/divide?dividend=1&divisor=0")
            #expect(byZero.status == 422)
        }
    }
}
