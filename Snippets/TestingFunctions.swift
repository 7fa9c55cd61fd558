// Tests of served functions: the real routing, binding and error mapping, in process or on a socket.
import ServeTesting
import Testing

// snippet.divideByZero
@Test func divideByZeroIsA422NamingTheDivisor() async throws {
    try await TestService(functions: [$add, $divide]).test(.inProcess) { client in
        let sum = try await client.get("/add?a=10&b=20")
        #expect(sum.text == "30")
        let response = try await client.post("/divide", json: #"{"dividend": 7, "divisor": 0}"#)
        #expect(response.status == 422)
        #expect(response.json?["errors"]?.arrayValue?.first?["field"]?.stringValue == "divisor")
        let quotient = try await divide(on: client, dividend: 7, divisor: 2)  // typed, like a client app
        #expect(quotient == 3.5)
    }
}
// snippet.end

// snippet.bothTransports
@Test(arguments: [TestService.Transport.inProcess, .live])
func answersWhatAClientSends(_ transport: TestService.Transport) async throws {
    let sum = try await TestService(functions: [$add]).withClient(transport) { client in
        try await add(on: client, a: 10, b: 20)
    }
    #expect(sum == 30)
}
// snippet.end

// snippet.groups
@Test func greetsWithTheGreetingItWasGiven() async throws {
    let service = TestService(groups: [Greeter.self], options: ["greeter.greeting": "Hej"])
    try await service.test(.inProcess) { client in
        let greeting = try await Greeter.greet(on: client, name: "Ada")
        #expect(greeting == "Hej, Ada!")
    }
}
// snippet.end

// snippet.hide
/// Adds two integers.
/// - Parameters:
///   - a: The first addend.
///   - b: The second addend.
@Endpoint func add(a: Int, b: Int) -> Int { a &+ b }

/// Divides one number by another.
/// - Parameters:
///   - dividend: The number to divide.
///   - divisor: The number to divide by; not zero.
@Endpoint func divide(dividend: Double, divisor: Double) throws -> Double {
    guard divisor != 0 else { throw ArgumentError(field: "divisor", expected: "a number other than 0", got: "0") }
    return dividend / divisor
}

/// Greets in a language chosen at start-up.
@EndpointGroup("greeter")
struct Greeter {
    let greeting: String

    init(options: GroupOptions) async throws {
        greeting = options["greeter.greeting"] ?? "Hello"
    }

    /// Greets someone.
    /// - Parameter name: Who to greet.
    @Endpoint func greet(name: String) -> String { "\(greeting), \(name)!" }
}
