import HTTPTypes
import ServeTesting
import Testing

@testable import ServeModels

/// A model served as `/NAME/predict` through the real pipeline: tensors as nested arrays in and out,
/// wrong shapes and types refused with 422 naming the input.
@Suite struct ModelFunctionTests {
    let service: TestService

    init() throws {
        service = TestService(functions: [try ModelBuilder.addBias().load().servedFunction()])
    }

    @Test func nestedArraysGoInAndTheOutputsComeBackByName() async throws {
        try await service.test(.inProcess) { client in
            let response = try await client.post("/test/predict", json: #"{"x": [[0, 0, 0.5], [1, 1, 1]]}"#)
            #expect(response.status == 200)
            #expect(response.text == #"{"y":[[1.0,2.0,3.5],[2.0,3.0,4.0]]}"#)
        }
    }

    @Test func aWrongShapeOrElementIsA422NamingTheInput() async throws {
        try await service.test(.inProcess) { client in
            let wrongShape = try await client.post("/test/predict", json: #"{"x": [[1, 2]]}"#)
            #expect(wrongShape.status == 422)
            #expect(wrongShape.text.contains(#""field":"x""#))
            #expect(wrongShape.text.contains("a float tensor of shape [N, 3]"))
            #expect(wrongShape.text.contains("shape [1, 2]"))
            let ragged = try await client.post("/test/predict", json: #"{"x": [[1, 2, 3], [4]]}"#)
            #expect(ragged.status == 422)
            #expect(ragged.text.contains("ragged arrays"))
            let strings = try await client.post("/test/predict", json: #"{"x": [["a", "b", "c"]]}"#)
            #expect(strings.status == 422)
            let missing = try await client.post("/test/predict", json: "{}")
            #expect(missing.status == 422)
        }
    }

    @Test func theInferenceProtocolSeesTheFilesTypesAndShapes() async throws {
        try await service.test(.inProcess) { client in
            let metadata = try await client.get("/v2/models/test")
            #expect(
                metadata.text
                    == #"{"name":"test","versions":["1"],"platform":"onnx","inputs":[{"name":"x","datatype":"FP32","shape":[-1,3]}],"outputs":[{"name":"y","datatype":"FP32","shape":[-1,3]}]}"#
            )
            let answer = try await client.post(
                "/v2/models/test/infer",
                json: #"{"inputs":[{"name":"x","shape":[2,3],"datatype":"FP32","data":[0,0,0.5,1,1,1]}]}"#)
            #expect(
                answer.text
                    == #"{"model_name":"test","model_version":"1","outputs":[{"name":"y","datatype":"FP32","shape":[2,3],"data":[1.0,2.0,3.5,2.0,3.0,4.0]}]}"#
            )
        }
    }

    @Test func theInferenceProtocolRunsTheModelOnBinaryTensorsAsTheyCame() async throws {
        let input = try Tensor(shape: [1, 3], values: [Float(0), 0, 0.5]).raw.bytes
        let header = Array(
            #"{"inputs":[{"name":"x","shape":[1,3],"datatype":"FP32","parameters":{"binary_data_size":12}}],"parameters":{"binary_data_output":true}}"#
                .utf8)
        try await service.test(.inProcess) { client in
            let answer = try await client.execute(
                .post, "/v2/models/test/infer",
                headers: [
                    .contentType: "application/octet-stream",
                    HTTPField.Name("Inference-Header-Content-Length")!: String(header.count),
                ], body: header + input)
            #expect(answer.status == 200)
            let length = try #require(answer.header("inference-header-content-length").flatMap { Int($0) })
            #expect(String(decoding: answer.body[..<length], as: UTF8.self).contains(#""binary_data_size":12"#))
            #expect(
                Array(answer.body[length...]) == (try Tensor(shape: [1, 3], values: [Float(1), 2, 3.5]).raw.bytes))
            // The model checks the shape it declares: a row of 2 is refused, naming the input.
            let wrong = try await client.post(
                "/v2/models/test/infer",
                json: #"{"inputs":[{"name":"x","shape":[1,2],"datatype":"FP32","data":[1,2]}]}"#)
            #expect(wrong.status == 400)
            #expect(wrong.text.contains("Input 'x' has shape [1, 2], expected [any, 3]."))
        }
    }

    @Test func theOpenAPIDocumentDescribesEachInputWithAValidExample() async throws {
        try await service.test(.inProcess) { client in
            let document = try await client.get("/openapi.json")
            #expect(document.text.contains("a float tensor of shape [N, 3]"))
            #expect(document.text.contains("[[0.5,0.5,0.5]]"))
        }
    }

    @Test func singlePrecisionOutputsAreWrittenInTheirShortestForm() {
        var writer = JSONWriter()
        TensorJSON.write(.tensor(Tensor(scalar: Float(0.1))), to: &writer)
        #expect(JSONOutput(writer).text == "0.1")
    }
}
