import SwiftProtobuf

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

extension Tensor {
    /// The tensor in a serialized ONNX `TensorProto` (the `.pb` files ONNX's tests and tools write).
    public init(onnxTensorProto data: Data) throws(ModelError) {
        let proto: Onnx_TensorProto
        do {
            proto = try Onnx_TensorProto(serializedBytes: data)
        } catch {
            throw ModelError("not an ONNX tensor (\(error))")
        }
        self = try TensorDecoding.tensor(proto)
    }
}

extension ONNXModel {
    /// The operators Serve runs: the op types of `domain` (`ai.onnx`, `ai.onnx.ml`), sorted.
    public static func supportedOperators(in domain: String) -> [String] {
        OperatorRegistry.operators(in: domain)
    }

    /// The domains whose operators Serve runs.
    public static var supportedDomains: [String] {
        [OperatorRegistry.standardDomain, OperatorRegistry.machineLearningDomain]
    }

    /// The op types the model in `data` uses, each once, in the order of their first node; read without
    /// checking that Serve runs them (to say what a model needs).
    public static func operatorTypes(inSerialized data: Data) throws(ModelError) -> [String] {
        let model: Onnx_ModelProto
        do {
            model = try Onnx_ModelProto(serializedBytes: data)
        } catch {
            throw ModelError("not an ONNX model (the file does not decode as one: \(error))")
        }
        var seen: Set<String> = []
        return model.graph.node.map(\.opType).filter { seen.insert($0).inserted }
    }
}
