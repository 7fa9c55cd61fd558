import SwiftProtobuf

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Turns an ONNX file's bytes into an `ExecutionPlan`, checking everything Serve needs before it runs a call:
/// the IR and opset versions, the domains, every node's op and attributes, the initializers and where they
/// live. A model it cannot run is refused here, naming the node and op.
struct ModelLoader {
    /// The IR versions Serve reads: ONNX 1.0's 3 to ONNX 1.23's 14.
    static let irVersions = 3...14
    /// The newest opset of each domain whose operators Serve implements: ONNX 1.23's.
    static let newestOpsets = [OperatorRegistry.standardDomain: 28, OperatorRegistry.machineLearningDomain: 5]

    /// The folder external data files are read from, or nil when the model came without one.
    let folder: String?

    /// The plan and the model's descriptions for the serialized `ModelProto` in `bytes`.
    func load(_ bytes: Data) throws(ModelError) -> ExecutionPlan {
        let model: Onnx_ModelProto
        do {
            model = try Onnx_ModelProto(serializedBytes: bytes)
        } catch {
            throw ModelError("not an ONNX model (the file does not decode as one: \(error))")
        }
        guard Self.irVersions.contains(Int(model.irVersion)) else {
            throw ModelError(
                "the model has IR version \(model.irVersion); Serve reads \(Self.irVersions.lowerBound) to \(Self.irVersions.upperBound)"
            )
        }
        var opsets: [String: Int] = [:]
        for opset in model.opsetImport {
            let domain = OperatorRegistry.normalized(opset.domain)
            guard let newest = Self.newestOpsets[domain] else {
                throw ModelError("the model imports the operator domain '\(domain)', which Serve does not run")
            }
            guard opset.version >= 1, opset.version <= newest else {
                throw ModelError("the model imports \(domain) opset \(opset.version); Serve runs up to \(newest)")
            }
            opsets[domain] = Int(opset.version)
        }
        if model.opsetImport.isEmpty { opsets[OperatorRegistry.standardDomain] = 1 }
        guard model.hasGraph else { throw ModelError("the model has no graph") }
        return try plan(for: model.graph, opsets: opsets)
    }

    private func plan(for graph: Onnx_GraphProto, opsets: [String: Int]) throws(ModelError) -> ExecutionPlan {
        var builder = PlanBuilder()
        if !graph.sparseInitializer.isEmpty {
            throw ModelError("the graph has sparse initializers, which Serve does not read")
        }
        for initializer in graph.initializer {
            builder.initializers.append(
                (initializer.name, try TensorDecoding.tensor(initializer, externalData: readExternalData)))
        }
        builder.inputs = try graph.input.map(Self.description)
        builder.outputs = try graph.output.map(Self.description)
        for (position, node) in graph.node.enumerated() {
            builder.nodes.append(try makeNode(node, position: position, opsets: opsets))
        }
        return try builder.build()
    }

    private func makeNode(_ node: Onnx_NodeProto, position: Int, opsets: [String: Int]) throws(ModelError)
        -> PlanBuilder.Node
    {
        let name = node.name.isEmpty ? "\(node.opType)_\(position)" : node.name
        let domain = OperatorRegistry.normalized(node.domain)
        guard let opset = opsets[domain] else {
            throw ModelError("node '\(name)' uses \(node.opType) from '\(domain)', a domain the model does not import")
        }
        guard let factory = OperatorRegistry.factory(domain: domain, opType: node.opType) else {
            throw ModelError("node '\(name)' uses \(node.opType) (\(domain), opset \(opset)), which Serve does not run")
        }
        let attributes: Attributes
        do {
            attributes = try AttributeDecoding.attributes(of: node, externalData: readExternalData)
        } catch {
            throw ModelError("node '\(name)' (\(node.opType)): \(error.message)")
        }
        let spec = NodeSpec(
            name: name, opType: node.opType, domain: domain, opset: opset, attributes: attributes,
            inputCount: node.input.count, outputCount: node.output.count)
        do {
            return PlanBuilder.Node(
                name: name, opType: node.opType, operation: try factory(spec), inputs: node.input, outputs: node.output)
        } catch {
            throw ModelError("node '\(name)' uses \(node.opType) (\(domain), opset \(opset)) with \(error.message)")
        }
    }

    /// The bytes of a tensor kept in a file beside the model, after checking the file holds them.
    private func readExternalData(_ reference: ExternalDataReference) throws(ModelError) -> Data {
        guard let folder else {
            throw ModelError(
                "\(reference.tensorName) keeps its data in '\(reference.location)', but the model was not read from a folder"
            )
        }
        guard let file = ExternalDataFile(path: folder + "/" + reference.location) else {
            throw ModelError(
                "\(reference.tensorName) keeps its data in '\(reference.location)', which cannot be read beside the model"
            )
        }
        let length = reference.length ?? (file.size - reference.offset)
        guard reference.offset <= file.size, length >= 0, length <= file.size - reference.offset else {
            throw ModelError(
                "\(reference.tensorName) needs \(length) bytes at \(reference.offset) of '\(reference.location)', which has \(file.size)"
            )
        }
        guard let bytes = file.read(offset: reference.offset, count: length) else {
            throw ModelError("\(reference.tensorName): reading '\(reference.location)' failed")
        }
        return bytes
    }

    private static func description(_ info: Onnx_ValueInfoProto) throws(ModelError) -> TensorDescription {
        guard case .tensorType(let tensorType) = info.type.value else {
            return TensorDescription(name: info.name, elementType: nil, shape: nil)
        }
        guard let type = ElementType(rawValue: Int(tensorType.elemType)), type.isSupported else {
            throw ModelError(
                "'\(info.name)' is a tensor of element type \(tensorType.elemType), which Serve does not run")
        }
        guard tensorType.hasShape else { return TensorDescription(name: info.name, elementType: type, shape: nil) }
        let shape = tensorType.shape.dim.map { dimension -> TensorDescription.Dimension in
            switch dimension.value {
            case .dimValue(let size) where size >= 0: .fixed(Int(clamping: size))
            case .dimParam(let name) where !name.isEmpty: .named(name)
            default: .unknown
            }
        }
        return TensorDescription(name: info.name, elementType: type, shape: shape)
    }
}
