import Foundation
import ServeTesting
import Testing

@testable import Serve
@testable import ServeFixtures
@testable import ServeHTTP

/// `POST /NAME/batch` on the real server: many calls in one request, each checked on its own.
@Suite struct BatchCallTests {
    @Test(arguments: TestService.Transport.allCases)
    func answersEachInstanceInOrder(_ transport: TestService.Transport) async throws {
        try await withFixtures(transport) { server in
            let reply = try await server.post(
                "/add/batch", #"{"instances": [{"a": 1, "b": 2}, [10, 20], {"b": 5, "a": -5}]}"#)
            #expect(reply.status == 200)
            #expect(reply.body == #"{"predictions":[3,30,0],"errors":[]}"#)
            #expect(
                try await server.post("/add/batch", #"{"instances": []}"#).body == #"{"predictions":[],"errors":[]}"#)
            // Async functions and group methods batch too.
            #expect(
                try await server.post("/echo/batch", #"{"instances": [["x"], {"text": "y"}]}"#).body
                    == #"{"predictions":["x","y"],"errors":[]}"#)
            #expect(
                try await server.post("/greeter/greet/batch", #"{"instances":[{"name":"Ada"}]}"#).body.hasPrefix(
                    #"{"predictions":["Hello, Ada!"#))
        }
    }

    @Test(arguments: TestService.Transport.allCases)
    func aBadInstanceFailsAloneWithItsReason(_ transport: TestService.Transport) async throws {
        try await withFixtures(transport) { server in
            let reply = try await server.post(
                "/add/batch", #"{"instances": [{"a": 1, "b": 2}, {"a": "x", "b": 2}, 7, [1, 1]]}"#)
            #expect(reply.status == 200)
            let json = reply.json
            #expect((json["predictions"] as? [Any?])?.count == 4)
            #expect(reply.body.hasPrefix(#"{"predictions":[3,null,null,2],"errors":[{"index":1,"status":422,"error":"#))
            let errors = try #require(json["errors"] as? [[String: Any]])
            #expect(errors.map { $0["index"] as? Int } == [1, 2])
            let problems = try #require(errors[0]["errors"] as? [[String: String]])
            #expect(problems == [["field": "a", "expected": "integer", "got": #""x""#]])
            #expect((errors[1]["error"] as? String)?.contains("JSON object of named arguments") == true)

            let failing = try await server.post("/fail/batch", #"{"instances": [{}, {"extra": 1}]}"#)
            let failures = try #require(failing.json["errors"] as? [[String: Any]])
            #expect(failures.map { $0["status"] as? Int } == [500, 422])
            #expect(try await server.post("/echo/batch", #"{"instances": [[1]]}"#).json["errors"] != nil)
        }
    }

    @Test(arguments: TestService.Transport.allCases)
    func aBodyThatIsNoBatchFailsWhole(_ transport: TestService.Transport) async throws {
        try await withFixtures(transport, limits: .init(maximumBatchSize: 3)) { server in
            let tooMany = try await server.post("/add/batch", #"{"instances": [[1, 1], [1, 1], [1, 1], [1, 1]]}"#)
            #expect(tooMany.status == 413)
            #expect((tooMany.json["error"] as? String)?.contains("more than 3 instances") == true)
            #expect(try await server.post("/add/batch", #"{"instances": [[1, 1], [1, 1], [1, 1]]}"#).status == 200)
            for body in [
                #"[[1, 2]]"#, #"{"instances": {"a": 1}}"#, #"{}"#, #"{"instances": [], "x": 1}"#, "",
                #"{"x": [[1, 1]], "instances": [[1, 1]]}"#, #"{"instances": [[1, 1]], "instances": [[2, 2]]}"#,
            ] {
                let reply = try await server.post("/add/batch", body)
                #expect(reply.status == 422, "\(body)")
                #expect(reply.json["error"] != nil)
            }
            #expect(try await server.post("/add/batch", #"{"instances": [1,"#).status == 400)
            #expect(
                try await server.post("/add/batch", "a=1", contentType: "multipart/form-data; boundary=B").status == 415
            )
            let get = try await server.get("/add/batch")
            #expect(get.status == 405)
            #expect(get.header("allow") == "POST")
        }
    }

    @Test(arguments: TestService.Transport.allCases)
    func batchRoutesAreDocumented(_ transport: TestService.Transport) async throws {
        try await withFixtures(transport, limits: .init(maximumBatchSize: 50)) { server in
            let openAPI = try #require(
                try JSONSerialization.jsonObject(with: Data(try await server.get("/openapi.json").body.utf8))
                    as? [String: Any])
            let paths = try #require(openAPI["paths"] as? [String: Any])
            let batch = try #require(paths["/add/batch"] as? [String: Any])
            let post = try #require(batch["post"] as? [String: Any])
            #expect(post["operationId"] as? String == "add_batch")
            let manifest = try await server.get("/").json
            let add = try #require((manifest["functions"] as? [String: Any])?["add"] as? [String: Any])
            let batchEntry = try #require(add["batch"] as? [String: Any])
            #expect(batchEntry["path"] as? String == "/add/batch")
            #expect(batchEntry["maxInstances"] as? Int == 50)
        }
    }
}
