import Foundation
import Serve
import ServeHTTP
import Testing

@testable import ServeGRPC

@Suite("The protocol's gRPC tensors as the protocol's bytes")
struct TensorMessagesTests {
    private func request(_ inputs: [Inference_ModelInferRequest.InferInputTensor], raw: [Data] = [])
        -> Inference_ModelInferRequest
    {
        var message = Inference_ModelInferRequest()
        message.modelName = "m"
        message.inputs = inputs
        message.rawInputContents = raw
        return message
    }

    private func input(
        _ name: String, _ datatype: String, _ shape: [Int64],
        _ fill: (inout Inference_InferTensorContents) -> Void = { _ in }
    )
        -> Inference_ModelInferRequest.InferInputTensor
    {
        var tensor = Inference_ModelInferRequest.InferInputTensor()
        tensor.name = name
        tensor.datatype = datatype
        tensor.shape = shape
        var contents = Inference_InferTensorContents()
        fill(&contents)
        tensor.contents = contents
        return tensor
    }

    private func bytes(_ input: InferenceRequest.Input) -> [UInt8] {
        guard case .binary(let bytes) = input.contents else { return [] }
        return Array(bytes)
    }

    @Test("typed contents are written little-endian in the width of the datatype the input names")
    func typedContentsBecomeLittleEndianBytes() throws {
        let inputs = try TensorMessages.inputs(
            of: request([
                input("a", "INT16", [2]) { $0.intContents = [1, -2] },
                input("b", "FP32", [1]) { $0.fp32Contents = [1.5] },
                input("c", "BOOL", [2]) { $0.boolContents = [true, false] },
                input("d", "BYTES", [1]) { $0.bytesContents = [Data("hi".utf8)] },
                input("e", "UINT64", [1]) { $0.uint64Contents = [UInt64.max] },
            ]))
        #expect(inputs.map(\.name) == ["a", "b", "c", "d", "e"])
        #expect(inputs.map(\.shape) == [[2], [1], [2], [1], [1]])
        #expect(bytes(inputs[0]) == [1, 0, 0xFE, 0xFF])
        #expect(bytes(inputs[1]) == withUnsafeBytes(of: Float(1.5).bitPattern.littleEndian) { Array($0) })
        #expect(bytes(inputs[2]) == [1, 0])
        #expect(bytes(inputs[3]) == [2, 0, 0, 0, UInt8(ascii: "h"), UInt8(ascii: "i")])
        #expect(bytes(inputs[4]) == Array(repeating: 0xFF, count: 8))
    }

    @Test("a value out of the datatype's range is a 400 naming the input")
    func anOutOfRangeValueIsRefused() {
        #expect {
            try TensorMessages.inputs(of: request([input("small", "INT8", [1]) { $0.intContents = [300] }]))
        } throws: { error in
            let refusal = error as? RequestError
            return refusal?.status == 400 && refusal?.message == "Input 'small' holds 300, which is not a INT8 element."
        }
    }

    @Test("raw contents go to the inputs in order, one each, and never beside typed contents")
    func rawContentsPairWithTheInputs() throws {
        var bare = input("x", "UINT8", [3])
        bare.clearContents()
        let inputs = try TensorMessages.inputs(of: request([bare], raw: [Data([7, 8, 9])]))
        #expect(bytes(inputs[0]) == [7, 8, 9])
        #expect(TensorMessages.payloadSize(of: request([bare], raw: [Data([7, 8, 9])])) == 3)

        #expect(throws: RequestError.self) { try TensorMessages.inputs(of: request([bare, bare], raw: [Data([1])])) }
        let both = input("y", "UINT8", [1]) { $0.uintContents = [1] }
        #expect(throws: RequestError.self) { try TensorMessages.inputs(of: request([both], raw: [Data([1])])) }
    }

    @Test("the payload counts typed contents at their width")
    func thePayloadCountsTypedContents() {
        let message = request([
            input("a", "FP64", [2]) { $0.fp64Contents = [1, 2] },
            input("b", "BYTES", [1]) { $0.bytesContents = [Data("abc".utf8)] },
        ])
        #expect(TensorMessages.payloadSize(of: message) == 16 + 4 + 3)
    }
}
