import SwiftProtobuf

@testable import ServeModels

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Small ONNX models written in Swift with the file format's own types, so each test says what its model is.
struct ModelBuilder {
    var model = Onnx_ModelProto()

    init(opset: Int64 = 17, irVersion: Int64 = 8) {
        model.irVersion = irVersion
        var standard = Onnx_OperatorSetIdProto()
        standard.version = opset
        model.opsetImport = [standard]
    }

    /// Declares a float input or output of `shape` (nil dimensions are named `N`).
    static func value(_ name: String, _ shape: [Int?], type: ElementType = .float) -> Onnx_ValueInfoProto {
        var info = Onnx_ValueInfoProto()
        info.name = name
        var tensorType = Onnx_TypeProto.Tensor()
        tensorType.elemType = Int32(type.rawValue)
        var shapeProto = Onnx_TensorShapeProto()
        shapeProto.dim = shape.map { size in
            var dimension = Onnx_TensorShapeProto.Dimension()
            if let size { dimension.dimValue = Int64(size) } else { dimension.dimParam = "N" }
            return dimension
        }
        tensorType.shape = shapeProto
        info.type.tensorType = tensorType
        return info
    }

    static func node(_ op: String, _ inputs: [String], _ outputs: [String], name: String = "", domain: String = "")
        -> Onnx_NodeProto
    {
        var node = Onnx_NodeProto()
        node.opType = op
        node.input = inputs
        node.output = outputs
        node.name = name
        node.domain = domain
        return node
    }

    static func floats(_ name: String, _ dims: [Int64], _ values: [Float]) -> Onnx_TensorProto {
        var tensor = Onnx_TensorProto()
        tensor.name = name
        tensor.dataType = Int32(ElementType.float.rawValue)
        tensor.dims = dims
        tensor.floatData = values
        return tensor
    }

    /// `y = x + bias`, for inputs of shape [N, 3].
    static func addBias() -> ModelBuilder {
        var builder = ModelBuilder()
        builder.model.graph.input = [value("x", [nil, 3])]
        builder.model.graph.output = [value("y", [nil, 3])]
        builder.model.graph.initializer = [floats("bias", [3], [1, 2, 3])]
        builder.model.graph.node = [node("Add", ["x", "bias"], ["y"], name: "add_bias")]
        return builder
    }

    func serialized() throws -> Data { try model.serializedData() }

    func load(folder: String? = nil) throws(ModelError) -> ONNXModel {
        let data: Data
        do { data = try serialized() } catch { throw ModelError("cannot serialize: \(error)") }
        return try ONNXModel(serialized: data, name: "test", folder: folder)
    }
}
