import Foundation
import ServeTesting
import Testing

@testable import Serve
@testable import ServeFixtures
@testable import ServeHTTP

/// The real server on a real socket, spoken to over HTTP.
@Suite struct EndToEndTests {
    @Test(arguments: TestService.Transport.allCases)
    func aFreeFormJSONValueTravelsAsItIsWithTheEmptySchema(_ transport: TestService.Transport) async throws {
        try await withFixtures(transport) { server in
            let document = #"{"a":[1,2.5,{"b":null}],"c":"text","d":true}"#
            #expect(try await server.post("/wrap", #"{"document": \#(document)}"#).body == #"{"got":\#(document)}"#)
            #expect(try await server.post("/wrap", "[[1, 2]]").body == #"{"got":[1,2]}"#)
            // A form field is JSON when it reads as JSON, else a string.
            let form = "application/x-www-form-urlencoded"
            #expect(try await server.post("/wrap", "document=%5B1%5D", contentType: form).body == #"{"got":[1]}"#)
            #expect(try await server.post("/wrap", "document=plain", contentType: form).body == #"{"got":"plain"}"#)
            #expect(try await server.post("/wrap", #"{"documents": 1}"#).status == 422)
            let openAPI = try await server.get("/openapi.json").body
            #expect(openAPI.contains(#""document":{"description":"Anything."}"#))
        }
    }

    @Test(arguments: TestService.Transport.allCases)
    func addAnswersEveryWayOfCalling(_ transport: TestService.Transport) async throws {
        try await withFixtures(transport) { server in
            #expect(try await server.get("/add?a=10&b=20").body == "30")
            #expect(try await server.post("/add", #"{"a": 10, "b": 20}"#).body == "30")
            #expect(try await server.post("/add", "[10, 20]").body == "30")
            #expect(
                try await server.post("/add", "a=10&b=20", contentType: "application/x-www-form-urlencoded").body
                    == "30")
            // What `curl -d '{"a": 10, "b": 20}'` sends: JSON labelled as a form.
            #expect(
                try await server.post("/add", #"{"a": 10, "b": 20}"#, contentType: "application/x-www-form-urlencoded")
                    .body
                    == "30")
            let multipart =
                "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n10\r\n--B\r\n"
                + "Content-Disposition: form-data; name=\"b\"\r\n\r\n20\r\n--B--\r\n"
            let reply = try await server.post("/add", multipart, contentType: "multipart/form-data; boundary=B")
            #expect(reply.status == 200)
            #expect(reply.body == "30")
            #expect(reply.header("content-type") == "application/json")
        }
    }

    @Test(arguments: TestService.Transport.allCases)
    func servesAsyncGroupAndStructFunctions(_ transport: TestService.Transport) async throws {
        try await withFixtures(transport) { server in
            #expect(try await server.post("/echo", #"{"text": "héllo 😀"}"#).body == #""héllo 😀""#)
            #expect(try await server.get("/greeter/greet?name=Ada").body.hasPrefix(#""Hello, Ada!"#))
            #expect(
                try await server.post("/greeter/greetAll", #"{"names": ["a", "b"]}"#).body
                    == #"["Hello, a!","Hello, b!"]"#)
            #expect(
                try await server.post("/move", #"{"point": {"x": 1}, "by": 2}"#).body
                    == #"{"x":3.0,"y":2.0,"label":null}"#)
            #expect(try await server.post("/nothing", "").body == "null")
            #expect(try await server.get("/custom/route?value=7").body == "7")
            let form = try await server.post(
                "/describe", "count=1&color=red&note=n", contentType: "application/x-www-form-urlencoded")
            #expect(form.body == #""1 red [] n 1.5""#)
        }
    }

    /// Compact JSON puts a string right after `:` or `,`; a bracket inside it once threw the value
    /// skipper off by a whole string and crashed the process.
    @Test(arguments: TestService.Transport.allCases)
    func stringsRightAfterSeparatorsAreReadWhole(_ transport: TestService.Transport) async throws {
        try await withFixtures(transport) { server in
            #expect(
                try await server.post("/greeter/greetAll", #"{"names":["}","a, b",":["]}"#).body
                    == #"["Hello, }!","Hello, a, b!","Hello, :[!"]"#)
            #expect(
                try await server.post("/move", #"{"point":{"label":"}}}","x":1},"by":2}"#).body
                    == #"{"x":3.0,"y":2.0,"label":"}}}"}"#)
            let unknown = try await server.post("/add", #"{"a":1,"b":2,"x":["x","}"],"y":{"k":"]}"}}"#)
            #expect(unknown.status == 422)
            #expect(
                unknown.json["error"] as? String
                    == #"Invalid arguments for add: 'x' should be one of a, b, got ["x","}"]; 'y' should be one of a, b, got {"k":"]}"}."#
            )
            #expect(try await server.post("/add", #"{"a":1,"b":2}"#).body == "3")
        }
    }

    @Test(arguments: TestService.Transport.allCases)
    func errorsAreJSONWithTheRightStatus(_ transport: TestService.Transport) async throws {
        try await withFixtures(transport, limits: .init(maximumBodySize: 1024)) { server in

            let malformed = try await server.post("/add", #"{"a": 10,"#)
            #expect(malformed.status == 400)
            #expect((malformed.json["error"] as? String)?.hasPrefix("Malformed JSON") == true)
            #expect(try await server.post("/add", "\u{FF}").status == 400)

            let invalid = try await server.post("/add", #"{"a": "ten", "c": 1}"#)
            #expect(invalid.status == 422)
            #expect(invalid.header("content-type") == "application/json")
            let fields = (invalid.json["errors"] as? [[String: String]])?.compactMap { $0["field"] }
            #expect(Set(fields ?? []) == ["a", "b", "c"])
            #expect(try await server.post("/add", "5").status == 422)
            #expect(try await server.get("/add?a=1").status == 422)

            let missing = try await server.get("/subtract")
            #expect(missing.status == 404)
            #expect((missing.json["error"] as? String)?.contains("/add") == true)

            let wrongMethod = try await server.request("PUT", "/add", body: "{}")
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.header("allow") == "GET, POST")
            let structuredByGet = try await server.get("/move")
            #expect(structuredByGet.status == 405)
            #expect(structuredByGet.header("allow") == "POST")
            #expect(try await server.request("DELETE", "/openapi.json").status == 405)

            let tooLarge = try await server.post("/echo", "{\"text\": \"" + String(repeating: "x", count: 2000) + "\"}")
            #expect(tooLarge.status == 413)
            #expect((tooLarge.json["error"] as? String)?.contains("1024") == true)

            #expect(try await server.post("/add", "a,b", contentType: "text/csv").status == 415)

            let failed = try await server.post("/fail", "{}")
            #expect(failed.status == 500)
            #expect(failed.json["error"] as? String == "fail failed: broken")

            // After all of that, the server still answers.
            #expect(try await server.get("/add?a=1&b=2").body == "3")
        }
    }

    @Test(arguments: TestService.Transport.allCases)
    func servesItsDocuments(_ transport: TestService.Transport) async throws {
        try await withFixtures(transport) { server in
            #expect(try await server.get("/healthz").body == #"{"status":"ok","live":true}"#)

            let manifest = try await server.get("/")
            let functions = manifest.json["functions"] as? [String: Any]
            #expect(functions?["add"] != nil)
            #expect(manifest.body.contains(#""parameters":[{"name":"a""#))

            let browser = try await server.get("/", headers: ["Accept": "text/html,application/xhtml+xml"])
            #expect(browser.header("content-type") == "text/html; charset=utf-8")

            let docs = try await server.get("/docs")
            #expect(docs.status == 200)
            #expect(docs.body.contains("Adds two integers."))

            let openAPI = try await server.get("/openapi.json")
            #expect((openAPI.json["paths"] as? [String: Any])?["/greeter/greet"] != nil)
        }
    }
}
