import Foundation
import HTTPTypes
import ServeTesting
import Testing

@testable import Serve
@testable import ServeFixtures
@testable import ServeHTTP

/// The Open Inference Protocol (`/v2`) over the fixtures: each function is a model whose tensors come from
/// its schemas, called with JSON and binary tensors.
@Suite struct InferenceProtocolTests {
    @Test func functionsDescribeTheirTensorsFromTheirSchemas() async throws {
        let models = Dictionary(
            uniqueKeysWithValues: try await fixtureCatalog.bind().functions.map {
                ($0.qualifiedName, InferenceModel($0))
            })
        let add = try #require(models["add"])
        #expect(
            add.inputs.map(\.signature) == [
                TensorSignature(name: "a", datatype: "INT64", shape: [1]),
                TensorSignature(name: "b", datatype: "INT64", shape: [1]),
            ])
        #expect(add.outputs.map(\.signature) == [TensorSignature(name: "output", datatype: "INT64", shape: [1])])
        #expect(!add.outputsAreMembers)
        // A struct travels as JSON text in one BYTES element; a struct result gives one output per member.
        let move = try #require(models["move"])
        #expect(move.inputs.map(\.form) == [.json, .scalar])
        #expect(move.inputs.map(\.signature.datatype) == ["BYTES", "FP64"])
        #expect(move.outputs.map(\.name) == ["x", "y", "label"])
        #expect(move.outputsAreMembers)
        // Arrays add a dimension of any size; a parameter with a default need not be given.
        let describe = try #require(models["describe"])
        #expect(describe.inputs.map(\.signature.shape) == [[1], [1], [-1], [1], [1]])
        #expect(describe.inputs.map(\.isRequired) == [true, false, false, false, false])
        #expect(try #require(models["inspect"]).inputs.first?.form == .file)
    }

    @Test(arguments: TestService.Transport.allCases)
    func metadataAndReadiness(_ transport: TestService.Transport) async throws {
        try await withFixtures(transport) { server in
            let server_ = try await server.get("/v2")
            #expect(server_.status == 200)
            #expect((server_.json["extensions"] as? [String]) == ["binary_tensor_data"])
            let add = try await server.get("/v2/models/add")
            #expect(
                add.body
                    == #"{"name":"add","versions":["1"],"platform":"swift","inputs":[{"name":"a","datatype":"INT64","shape":[1]},{"name":"b","datatype":"INT64","shape":[1]}],"outputs":[{"name":"output","datatype":"INT64","shape":[1]}]}"#
            )
            #expect(try await server.get("/v2/models/add/versions/1").body == add.body)
            #expect(try await server.get("/v2/models/greeter.greet/ready").status == 200)
            #expect(try await server.get("/v2/models/add/versions/7").status == 404)
            let unknown = try await server.get("/v2/models/nope")
            #expect(unknown.status == 404)
            #expect((unknown.json["error"] as? String)?.hasPrefix("No model 'nope'. Models: 'add', ") == true)
            #expect(try await server.post("/v2/models/add", "{}").status == 405)
            #expect(try await server.get("/v2/models/add/infer").status == 405)
        }
    }

    @Test(arguments: TestService.Transport.allCases)
    func inferWithJSONTensors(_ transport: TestService.Transport) async throws {
        try await withFixtures(transport) { server in
            let add = try await server.post(
                "/v2/models/add/infer",
                #"{"id":"q","inputs":[{"name":"a","shape":[1],"datatype":"INT64","data":[2]},{"name":"b","shape":[1],"datatype":"INT64","data":[[40]]}]}"#
            )
            #expect(
                add.body
                    == #"{"model_name":"add","model_version":"1","id":"q","outputs":[{"name":"output","datatype":"INT64","shape":[1],"data":[42]}]}"#
            )
            // A struct argument as JSON text; the result's members as outputs, the one asked for alone.
            let move = try await server.post(
                "/v2/models/move/infer",
                #"{"inputs":[{"name":"point","shape":[1],"datatype":"BYTES","data":["{\"x\":1,\"y\":2}"]},{"name":"by","shape":[1],"datatype":"FP64","data":[0.5]}],"outputs":[{"name":"y"}]}"#
            )
            #expect(
                move.body
                    == #"{"model_name":"move","model_version":"1","outputs":[{"name":"y","datatype":"FP64","shape":[1],"data":[2.5]}]}"#
            )
            // An async function, and a string tensor of any length.
            let greetings = try await server.post(
                "/v2/models/greeter.greetAll/infer",
                #"{"inputs":[{"name":"names","shape":[2],"datatype":"BYTES","data":["Ada","Bo"]}]}"#)
            #expect(greetings.status == 200)
            #expect(greetings.body.contains(#""shape":[2],"data":["Hello, Ada!"#))
            // Optional inputs may be left out.
            let describe = try await server.post(
                "/v2/models/describe/infer", #"{"inputs":[{"name":"count","shape":[1],"datatype":"INT64","data":[3]}]}"#
            )
            #expect(describe.body.contains(#""data":["3 green [] - 1.5"]"#))
        }
    }

    @Test func inferWithBinaryTensorsBothWays() async throws {
        try await withFixtures(.inProcess) { server in
            let header = Array(
                #"{"inputs":[{"name":"a","shape":[1],"datatype":"INT64","parameters":{"binary_data_size":8}},{"name":"b","shape":[1],"datatype":"INT64","data":[-5]}],"parameters":{"binary_data_output":true}}"#
                    .utf8)
            var fields = HTTPFields()
            fields[HTTPField.Name("Inference-Header-Content-Length")!] = String(header.count)
            let body = header + withUnsafeBytes(of: Int64(47).littleEndian, Array.init)
            let reply = try await server.client.execute(.post, "/v2/models/add/infer", headers: fields, body: body)
            #expect(reply.status == 200)
            let length = try #require(reply.header("inference-header-content-length").flatMap { Int($0) })
            #expect(
                String(decoding: reply.body[..<length], as: UTF8.self)
                    == #"{"model_name":"add","model_version":"1","outputs":[{"name":"output","datatype":"INT64","shape":[1],"parameters":{"binary_data_size":8}}]}"#
            )
            #expect(Array(reply.body[length...]) == withUnsafeBytes(of: Int64(42).littleEndian, Array.init))
        }
    }

    @Test func aFileInputTakesTextInDataAndAnyBytesAsBinary() async throws {
        try await withFixtures(.inProcess) { server in
            let text = try await server.post(
                "/v2/models/inspect/infer",
                #"{"inputs":[{"name":"file","shape":[1],"datatype":"BYTES","data":["héllo"]}]}"#)
            #expect(text.status == 200)
            #expect(text.body.contains(#""data":["|application/octet-stream|6|-"]"#))
            // Binary data: one BYTES element, its 4-byte length then bytes that are not UTF-8.
            let header = Array(
                #"{"inputs":[{"name":"file","shape":[1],"datatype":"BYTES","parameters":{"binary_data_size":7}}]}"#.utf8
            )
            var fields = HTTPFields()
            fields[HTTPField.Name("Inference-Header-Content-Length")!] = String(header.count)
            let body = header + [3, 0, 0, 0, 0xFF, 0x00, 0xFE]
            let binary = try await server.client.execute(.post, "/v2/models/inspect/infer", headers: fields, body: body)
            #expect(binary.status == 200)
            #expect(String(decoding: binary.body, as: UTF8.self).contains(#""data":["|application/octet-stream|3|-"]"#))
            // A length that runs past the data is refused before the function runs.
            let short = try await server.client.execute(
                .post, "/v2/models/inspect/infer", headers: fields, body: header + [9, 0, 0, 0, 1, 2, 3])
            #expect(short.status == 400)
        }
    }

    @Test(arguments: [
        (
            #"{"inputs":[{"name":"a","shape":[1],"datatype":"FP32","data":[1]}]}"#,
            "Input 'a' must have datatype INT64, not FP32."
        ),
        (
            #"{"inputs":[{"name":"a","shape":[2],"datatype":"INT64","data":[1,2]}]}"#,
            "Input 'a' has shape [2], expected [1]."
        ),
        (
            #"{"inputs":[{"name":"c","shape":[1],"datatype":"INT64","data":[1]}]}"#,
            "Unknown input 'c'; add takes 'a', 'b'."
        ),
        (
            #"{"inputs":[{"name":"a","shape":[1],"datatype":"INT64","data":[1]}]}"#,
            "Input 'b' is missing; add takes 'a', 'b'."
        ),
        (
            #"{"inputs":[{"name":"a","shape":[1],"datatype":"INT64","data":[1.5]}]}"#,
            "Input 'a' holds 1.5, which is not a INT64 element."
        ),
        (
            #"{"inputs":[{"name":"a","shape":[1],"datatype":"INT64","data":[1,2]}]}"#,
            "Input 'a' has more elements in \"data\" than its shape holds (1)."
        ),
        (
            #"{"inputs":[{"name":"a","shape":[-1],"datatype":"INT64","data":[1]}]}"#,
            "Input 'a' needs \"shape\": a list of sizes, each 0 or more."
        ),
        (#"{"inputs":{}}"#, "An inference request is a JSON object with \"inputs\": a list of tensors."),
    ])
    func badRequestsAre400sNamingTheInput(body: String, message: String) async throws {
        try await withFixtures(.inProcess) { server in
            let reply = try await server.post("/v2/models/add/infer", body)
            #expect(reply.status == 400)
            #expect(reply.json["error"] as? String == message)
        }
    }

    @Test func aFunctionsOwnRefusalIsA400AndItsFailureA500() async throws {
        try await withFixtures(.inProcess) { server in
            let wrongJSON = try await server.post(
                "/v2/models/move/infer",
                #"{"inputs":[{"name":"point","shape":[1],"datatype":"BYTES","data":["{\"y\":2}"]},{"name":"by","shape":[1],"datatype":"FP64","data":[1]}]}"#
            )
            #expect(wrongJSON.status == 400)
            #expect((wrongJSON.json["error"] as? String)?.contains("'point.x' is missing") == true)
            // An `async` function's refusal, thrown while it runs, too.
            let negative = try await server.post(
                "/v2/models/nap/infer",
                #"{"inputs":[{"name":"milliseconds","shape":[1],"datatype":"INT64","data":[-1]}]}"#)
            #expect(negative.status == 400)
            #expect((negative.json["error"] as? String)?.contains("0 or more") == true)
            let failure = try await server.post("/v2/models/fail/infer", #"{"inputs":[]}"#)
            #expect(failure.status == 500)
        }
    }
}
