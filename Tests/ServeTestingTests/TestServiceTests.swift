import HTTPTypes
import ServeTesting
import Testing

@testable import ServeFixtures

/// `TestService` and `TestClient` as a test uses them, on both transports.
@Suite struct TestServiceTests {
    @Test(arguments: TestService.Transport.allCases)
    func withClientReturnsWhatItsClosureReturns(_ transport: TestService.Transport) async throws {
        let sum = try await TestService(functions: fixtureFunctions).withClient(transport) { client in
            try await add(on: client, a: 2, b: 3)
        }
        #expect(sum == 5)
    }

    @Test(arguments: TestService.Transport.allCases)
    func typedMethodsAndFieldsReachTheServer(_ transport: TestService.Transport) async throws {
        try await TestService(functions: fixtureFunctions).test(transport) { client in
            let traced = try await client.get("/add?a=1&b=2", headers: [.init("X-Request-ID")!: "trace-7"])
            #expect(traced.header("x-request-id") == "trace-7")
            let deleted = try await client.execute(.delete, "/add")
            #expect(deleted.status == 405)
            #expect(deleted.header("allow") == "GET, POST")
            let form = try await client.post("/add", body: "a=4&b=5", contentType: "application/x-www-form-urlencoded")
            #expect(form.text == "9")
        }
    }

    @Test func aLiveServiceStopsWhenTheTestEnds() async throws {
        let client = try await TestService(functions: fixtureFunctions).withClient(.live) { client in
            #expect(client.url?.hasPrefix("http://127.0.0.1:") == true)
            let health = try await client.get("/healthz")
            #expect(health.status == 200)
            return client
        }
        await #expect(throws: (any Error).self) { try await client.get("/healthz") }
    }

    @Test func aTypedCallThatFailsThrowsTheServicesError() async throws {
        try await TestService(functions: fixtureFunctions).test(.inProcess) { client in
            #expect(client.url == nil)  // in process: no socket
            let error = await #expect(throws: RemoteCallError.self) { try await fail(on: client) }
            #expect(error?.status == 500)
        }
    }
}
