// The server's settings in a test: here a token, which every call must then carry.
import ServeHTTP
import ServeTesting
import Testing

@Test func callsNeedTheToken() async throws {
    var service = TestService(functions: [$add])
    service.configuration.access = HTTPServer.Access(token: "s3cret")
    try await service.test(.inProcess) { client in
        #expect(try await client.get("/add?a=1&b=2").status == 401)
        let allowed = try await client.get("/add?a=1&b=2", headers: [.authorization: "Bearer s3cret"])
        #expect(allowed.text == "3")
    }
}

// snippet.hide
/// Adds two integers.
/// - Parameters:
///   - a: The first addend.
///   - b: The second addend.
@Endpoint func add(a: Int, b: Int) -> Int { a &+ b }
