import Testing

@testable import ServeModels

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What loading refuses, and how it says so: before anything large is allocated, naming the node and op.
@Suite struct ModelLoaderTests {
    @Test func aModelLoadsWithItsDeclaredInputsAndOutputs() throws {
        let model = try ModelBuilder.addBias().load()
        #expect(model.inputs.map(\.name) == ["x"])
        #expect(model.inputs[0].shape == [.named("N"), .fixed(3)])
        #expect(model.inputs[0].protocolShape == [-1, 3])
        #expect(model.outputs.map(\.name) == ["y"])
    }

    @Test func anOperatorServeDoesNotRunIsNamedWithItsNodeAndOpset() {
        var builder = ModelBuilder(opset: 19)
        builder.model.graph.input = [ModelBuilder.value("x", [1])]
        builder.model.graph.output = [ModelBuilder.value("y", [1])]
        builder.model.graph.node = [ModelBuilder.node("DeformConv", ["x"], ["y"], name: "Conv_12")]
        #expect(throws: ModelError("node 'Conv_12' uses DeformConv (ai.onnx, opset 19), which Serve does not run")) {
            try builder.load()
        }
    }

    @Test func bytesThatAreNoModelAreRefused() throws {
        let truncated = try ModelBuilder.addBias().serialized().dropLast(5)
        let error = #expect(throws: ModelError.self) { try ONNXModel(serialized: Data(truncated), name: "m") }
        #expect(error?.message.hasPrefix("not an ONNX model") == true)
    }

    @Test func aNewerIRVersionOrAnUnknownDomainIsRefused() {
        var newer = ModelBuilder.addBias()
        newer.model.irVersion = 99
        #expect(throws: ModelError("the model has IR version 99; Serve reads 3 to 14")) { try newer.load() }
        var custom = ModelBuilder.addBias()
        var domain = Onnx_OperatorSetIdProto()
        domain.domain = "com.example"
        domain.version = 1
        custom.model.opsetImport.append(domain)
        #expect(throws: ModelError("the model imports the operator domain 'com.example', which Serve does not run")) {
            try custom.load()
        }
    }

    @Test func aTensorClaimingATrillionElementsIsRefusedBeforeItIsAllocated() {
        var builder = ModelBuilder.addBias()
        builder.model.graph.initializer = [ModelBuilder.floats("bias", [1_000_000, 1_000_000], [1, 2, 3])]
        let error = #expect(throws: ModelError.self) { try builder.load() }
        #expect(error?.message.contains("tensor 'bias' has dimensions [1000000, 1000000]") == true)
    }

    @Test func dataThatDisagreesWithItsDimensionsIsRefused() {
        var builder = ModelBuilder.addBias()
        builder.model.graph.initializer = [ModelBuilder.floats("bias", [4], [1, 2, 3])]
        #expect(throws: ModelError("tensor 'bias' has dimensions [4] (4 elements) but holds 3")) { try builder.load() }
    }

    @Test func aCycleAndAValueNothingComputesAreRefused() {
        var cycle = ModelBuilder.addBias()
        cycle.model.graph.node = [
            ModelBuilder.node("Add", ["x", "b"], ["a"], name: "first"),
            ModelBuilder.node("Add", ["a", "bias"], ["b"], name: "second"),
            ModelBuilder.node("Identity", ["a"], ["y"], name: "out"),
        ]
        #expect(throws: ModelError("the graph has a cycle through node 'first'")) { try cycle.load() }
        var dangling = ModelBuilder.addBias()
        dangling.model.graph.node = [ModelBuilder.node("Add", ["x", "missing"], ["y"], name: "add")]
        #expect(throws: ModelError("node 'add' reads 'missing', which no node or input gives")) { try dangling.load() }
    }

    @Test func externalDataIsReadFromBesideTheModelAndNowhereElse() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "serve-models-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let weights: [Float] = [10, 20, 30]
        try weights.withUnsafeBytes { Data($0) }.write(to: folder.appendingPathComponent("weights.bin"))

        func model(location: String, length: Int = 12) -> ModelBuilder {
            var builder = ModelBuilder.addBias()
            var bias = Onnx_TensorProto()
            bias.name = "bias"
            bias.dataType = Int32(ElementType.float.rawValue)
            bias.dims = [3]
            bias.dataLocation = .external
            bias.externalData = [("location", location), ("length", String(length))].map { key, value in
                var entry = Onnx_StringStringEntryProto()
                entry.key = key
                entry.value = value
                return entry
            }
            builder.model.graph.initializer = [bias]
            return builder
        }
        let loaded = try model(location: "weights.bin").load(folder: folder.path)
        let sum = try loaded.run(["x": try Tensor(shape: [1, 3], values: [1, 1, 1] as [Float])])
        #expect(sum["y"]?.tensor?.values(as: Float.self) == [11, 21, 31])

        #expect(throws: ModelError("tensor 'bias' keeps its data at '../weights.bin', outside the model's folder")) {
            try model(location: "../weights.bin").load(folder: folder.path)
        }
        #expect(throws: ModelError("tensor 'bias' keeps its data in 'gone.bin', which cannot be read beside the model"))
        {
            try model(location: "gone.bin").load(folder: folder.path)
        }
        #expect(throws: ModelError("tensor 'bias' needs 4000 bytes at 0 of 'weights.bin', which has 12")) {
            try model(location: "weights.bin", length: 4000).load(folder: folder.path)
        }
    }
}
