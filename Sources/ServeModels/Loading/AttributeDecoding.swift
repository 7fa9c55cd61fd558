#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reads a node's attributes from the file into `Attributes`.
enum AttributeDecoding {
    static func attributes(
        of node: Onnx_NodeProto, externalData: ((ExternalDataReference) throws(ModelError) -> Data)?
    ) throws(ModelError) -> Attributes {
        var values: [String: Attribute] = [:]
        for attribute in node.attribute {
            if !attribute.refAttrName.isEmpty {
                throw ModelError(
                    "attribute '\(attribute.name)' refers to a function's attribute, which Serve does not run")
            }
            switch attribute.type {
            case .int: values[attribute.name] = .int(Int(clamping: attribute.i))
            case .float: values[attribute.name] = .float(attribute.f)
            case .string: values[attribute.name] = .string(String(decoding: attribute.s, as: UTF8.self))
            case .tensor:
                values[attribute.name] = .tensor(try TensorDecoding.tensor(attribute.t, externalData: externalData))
            case .ints: values[attribute.name] = .ints(attribute.ints.map { Int(clamping: $0) })
            case .floats: values[attribute.name] = .floats(attribute.floats)
            case .strings:
                values[attribute.name] = .strings(attribute.strings.map { String(decoding: $0, as: UTF8.self) })
            case .tensors:
                var tensors: [Tensor] = []
                for tensor in attribute.tensors {
                    tensors.append(try TensorDecoding.tensor(tensor, externalData: externalData))
                }
                values[attribute.name] = .tensors(tensors)
            case .graph, .graphs:
                throw ModelError("attribute '\(attribute.name)' holds a subgraph, which Serve does not run yet")
            case .undefined, .sparseTensor, .sparseTensors, .typeProto, .typeProtos:
                throw ModelError("attribute '\(attribute.name)' is of a kind Serve does not read (\(attribute.type))")
            }
        }
        return Attributes(values)
    }
}
