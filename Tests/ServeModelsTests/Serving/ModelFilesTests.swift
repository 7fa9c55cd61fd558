import Foundation
import Serve
import Testing

@testable import ServeModels

/// The models the command line names: a file by its stem, `NAME=file`, and `NAME=folder` (KServe's
/// `/mnt/models`) holding exactly one `.onnx` file. Serialized: loading sets OpenBLAS's threads, which
/// are the process's.
@Suite(.serialized) struct ModelFilesTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("model-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("one"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("two"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("none"), withIntermediateDirectories: true)
        let model = try ModelBuilder.addBias().serialized()
        for path in ["bias.onnx", "one/model.onnx", "two/a.onnx", "two/b.onnx"] {
            try model.write(to: folder.appendingPathComponent(path))
        }
    }

    private func names(_ specs: [String]) throws(ModelError) -> [String] {
        try ServedModels(specs.map { $0.replacingOccurrences(of: "DIR", with: folder.path) })
            .functions.map(\.description.name)
    }

    @Test func aFileIsNamedByItsStemOrByTheNameGiven() throws {
        #expect(try names(["DIR/bias.onnx", "other=DIR/bias.onnx"]) == ["bias.predict", "other.predict"])
    }

    @Test func threadsPerCallSetsOpenBLASsThreads() throws {
        defer { NeuralNetworkBLAS.use(threads: 1) }
        let models = try ServedModels([folder.path + "/bias.onnx"], threadsPerCall: 2)
        #expect(NeuralNetworkBLAS.threadCount == 2)
        #expect(models.functions.map(\.description.name) == ["bias.predict"])
        _ = try ServedModels([folder.path + "/bias.onnx"])
        #expect(NeuralNetworkBLAS.threadCount == 1)
    }

    @Test func aFolderServesItsOneModelFile() throws {
        #expect(try names(["flower=DIR/one", "tree=DIR/one/"]) == ["flower.predict", "tree.predict"])
    }

    @Test func aFolderWithNoneOrSeveralModelsOrABadNameIsRefusedWithTheReason() {
        #expect(throws: ModelError.self) { try names(["m=DIR/none"]) }
        do {
            _ = try names(["m=DIR/two"])
            Issue.record("a folder with two models was accepted")
        } catch {
            #expect(error.description.contains("holds several .onnx files (a.onnx, b.onnx)"))
        }
        do {
            _ = try names(["a.b=DIR/bias.onnx"])
            Issue.record("a name with a dot was accepted")
        } catch {
            #expect(error.description.contains("'a.b' cannot name a model"))
        }
        do {
            _ = try names(["DIR/bias.onnx", "bias=DIR/one"])
            Issue.record("two models of one name were accepted")
        } catch {
            #expect(error.description.contains("two models are named 'bias'"))
        }
    }
}
