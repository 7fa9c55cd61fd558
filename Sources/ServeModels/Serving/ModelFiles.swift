public import Serve

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The models a `serve` command line names, served as functions, each loaded again on request
/// (SIGHUP) and swapped in only once the new file has loaded and checked.
public struct ServedModels: Sendable {
    /// Each model as the function `NAME.predict`.
    public let functions: [ServedFunction<Void>]
    private let models: [(spec: String, slot: ModelSlot)]

    /// Loads the models `specs` name: each a path to a `.onnx` file, named by the file's stem, or
    /// `NAME=PATH`, the model named `NAME`, where `PATH` is the file or a folder holding exactly one `.onnx`
    /// file (as KServe's storage initializer fills `/mnt/models`). Throws the first model's error
    /// (`model.onnx: node 'Conv_12' uses DeformConv …`). `threadsPerCall` is how many threads one call's
    /// matrix products and convolutions may use (OpenBLAS's): 1 by default, as the server's event loops are
    /// the parallelism; more helps a large network on an otherwise idle machine. Concurrent calls of a model
    /// whose inputs stack by rows are combined within `batching` (nil: each call alone).
    public init(_ specs: [String], threadsPerCall: Int = 1, batching: BatchLimits? = BatchLimits())
        throws(ModelError)
    {
        NeuralNetworkBLAS.use(threads: max(1, threadsPerCall))
        var names: Set<String> = []
        var models: [(spec: String, slot: ModelSlot)] = []
        for spec in specs {
            let model = try Self.load(spec)
            guard names.insert(model.name).inserted else {
                throw ModelError("two models are named '\(model.name)'; rename one, or name it: NAME=\(spec)")
            }
            models.append((spec, ModelSlot(model)))
        }
        self.models = models
        functions = models.map { ONNXModel.servedFunction($0.slot, batching: batching) }
    }

    /// Loads each model's file again and puts the new model in place of the old one when it loads, checks
    /// and has the same inputs and outputs; otherwise the old one keeps serving. Calls already running
    /// finish on the model they started with. Returns one line per model, saying which happened and why.
    public func reload() -> [String] {
        models.map { spec, slot in
            let name = slot.model.name
            do {
                let model = try Self.load(spec)
                guard model.inputs == slot.model.inputs, model.outputs == slot.model.outputs else {
                    return
                        "\(name): kept the model in service: the new file's inputs or outputs differ (restart serve to change them)"
                }
                slot.replace(with: model)
                return "\(name): reloaded"
            } catch {
                return "\(name): kept the model in service: \(error)"
            }
        }
    }

    private static func load(_ spec: String) throws(ModelError) -> ONNXModel {
        let (name, path) = try file(spec)
        return try ONNXModel(path, name: name)
    }

    /// The name given with `NAME=`, if any, and the model file the spec names.
    private static func file(_ spec: String) throws(ModelError) -> (name: String?, path: String) {
        guard let equals = spec.firstIndex(of: "=") else { return (nil, spec) }
        let name = String(spec[..<equals])
        let path = String(spec[spec.index(after: equals)...])
        let allowed = name.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-".unicodeScalars.contains($0)
        }
        guard !name.isEmpty, allowed else {
            throw ModelError(
                "'\(name)' cannot name a model: use letters, digits, '_' and '-' (NAME=model.onnx)", file: path)
        }
        // A folder lists its files; a file does not.
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else { return (name, path) }
        let files = entries.filter { $0.hasSuffix(".onnx") }
        guard files.count == 1 else {
            let problem =
                files.isEmpty
                ? "holds no .onnx file"
                : "holds several .onnx files (\(files.sorted().joined(separator: ", "))); name the file instead"
            throw ModelError(problem, file: path)
        }
        return (name, path + (path.hasSuffix("/") ? "" : "/") + files[0])
    }
}
