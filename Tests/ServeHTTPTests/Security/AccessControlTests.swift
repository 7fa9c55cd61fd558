import Foundation
import ServeTesting
import Testing

@testable import Serve
@testable import ServeFixtures
@testable import ServeHTTP

/// The token, CORS and the security headers, over a real socket.
@Suite struct AccessControlTests {
    @Test(arguments: TestService.Transport.allCases)
    func functionsNeedTheTokenAndProbesDoNot(_ transport: TestService.Transport) async throws {
        try await withFixtures(transport, access: .init(token: "t0ken")) { server in
            let missing = try await server.get("/add?a=1&b=2")
            #expect(missing.status == 401)
            #expect(missing.header("www-authenticate") == #"Bearer realm="serve""#)
            #expect((missing.json["error"] as? String)?.contains("Authorization: Bearer") == true)
            let wrong = try await server.get("/add?a=1&b=2", headers: ["Authorization": "Bearer nope"])
            #expect(wrong.status == 403)
            #expect(!wrong.body.contains("t0ken") && !wrong.body.contains("nope"))
            #expect(try await server.get("/add?a=1&b=2", headers: ["Authorization": "Bearer t0ken"]).body == "3")
            #expect(try await server.get("/add?a=1&b=2", headers: ["Authorization": "Token t0ken"]).body == "3")
            let batch = try await server.request(
                "POST", "/add/batch", body: #"{"instances": [[1, 2]]}"#, contentType: "application/json")
            #expect(batch.status == 401)
            // An unknown path does not reveal the function list without the token.
            #expect(try await server.get("/nowhere").status == 401)
            for probe in ["/healthz", "/readyz", "/v2/health/live", "/v2/health/ready"] {
                #expect(try await server.get(probe).status == 200, "\(probe)")
            }
            #expect(try await server.get("/metrics").status == 401)
            #expect(try await server.get("/docs").status == 401)
            #expect(try await server.get("/openapi.json").status == 401)
        }
    }

    @Test(arguments: TestService.Transport.allCases)
    func publicDocsStayOpenWhileCallsNeedTheToken(_ transport: TestService.Transport) async throws {
        try await withFixtures(transport, access: .init(token: "t0ken", publicDocs: true)) { server in
            #expect(try await server.get("/docs").status == 200)
            #expect(try await server.get(DocsPage.scriptPath).status == 200)
            let openAPI = try await server.get("/openapi.json")
            #expect(openAPI.status == 200)
            #expect(openAPI.body.contains(#""securitySchemes""#))
            #expect(try await server.get("/add?a=1&b=2").status == 401)
            #expect(try await server.get("/metrics").status == 401)
        }
    }

    @Test(arguments: TestService.Transport.allCases)
    func preflightsAreAnsweredWithoutTheTokenForAllowedOriginsOnly(_ transport: TestService.Transport) async throws {
        try await withFixtures(transport, access: .init(token: "t0ken", allowedOrigins: ["https://app.example"])) {
            server in
            let preflight = try await server.request(
                "OPTIONS", "/add",
                headers: ["Origin": "https://app.example", "Access-Control-Request-Method": "POST"])
            #expect(preflight.status == 204)
            #expect(preflight.header("access-control-allow-origin") == "https://app.example")
            #expect(preflight.header("access-control-allow-headers")?.contains("Authorization") == true)
            #expect(preflight.header("access-control-allow-methods") == "GET, POST")
            let foreign = try await server.request(
                "OPTIONS", "/add", headers: ["Origin": "https://evil.example", "Access-Control-Request-Method": "POST"])
            #expect(foreign.status == 403)
            #expect(foreign.header("access-control-allow-origin") == nil)
            let call = try await server.get(
                "/add?a=1&b=2", headers: ["Origin": "https://app.example", "Authorization": "Bearer t0ken"])
            #expect(call.body == "3")
            #expect(call.header("access-control-allow-origin") == "https://app.example")
            #expect(call.header("vary") == "Origin")
        }
    }

    @Test(arguments: TestService.Transport.allCases)
    func withoutAllowedOriginsThereAreNoCORSHeaders(_ transport: TestService.Transport) async throws {
        try await withFixtures(transport) { server in
            let call = try await server.get("/add?a=1&b=2", headers: ["Origin": "https://app.example"])
            #expect(call.body == "3")
            #expect(call.header("access-control-allow-origin") == nil)
            let preflight = try await server.request(
                "OPTIONS", "/add", headers: ["Origin": "https://app.example", "Access-Control-Request-Method": "POST"])
            #expect(preflight.status == 405)
        }
    }

    @Test(arguments: TestService.Transport.allCases)
    func everyResponseCarriesNosniffAndNoServerVersionAndTheDocsACSP(_ transport: TestService.Transport) async throws {
        try await withFixtures(transport) { server in
            for path in ["/add?a=1&b=2", "/nowhere", "/docs", "/openapi.json", "/healthz"] {
                let reply = try await server.get(path)
                #expect(reply.header("x-content-type-options") == "nosniff", "\(path)")
                #expect(reply.header("server") == nil, "\(path)")
            }
            let docs = try await server.get("/docs")
            #expect(docs.header("content-security-policy") == DocsPage.contentSecurityPolicy)
            #expect(DocsPage.contentSecurityPolicy.contains("script-src 'self'"))
            #expect(!DocsPage.contentSecurityPolicy.contains("unsafe-inline"))
            let browserRoot = try await server.get("/", headers: ["Accept": "text/html"])
            #expect(browserRoot.header("content-security-policy") == DocsPage.contentSecurityPolicy)
            let script = try await server.get(DocsPage.scriptPath)
            #expect(script.header("content-type") == "text/javascript; charset=utf-8")
            #expect(script.body.contains("Try it out"))
        }
    }

    @Test func anOriginThatCannotBeSentBackStopsStartUp() async throws {
        var service = TestService(functions: fixtureFunctions)
        service.configuration.access.allowedOrigins = ["https://app.example\r\nSet-Cookie: x=1"]
        await #expect(throws: ServeError.self) { try await service.test(.inProcess) { _ in } }
    }
}
