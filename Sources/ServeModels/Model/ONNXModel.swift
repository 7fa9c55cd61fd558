#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A model exported to ONNX (from scikit-learn, PyTorch, Keras, Hugging Face…), loaded once, checked, and
/// run on the CPU from any number of threads at once.
///
/// ```swift
/// let model = try ONNXModel("iris.onnx")
/// let outputs = try model.run(["input": try Tensor(shape: [1, 4], values: [5.1, 3.5, 1.4, 0.2] as [Float])])
/// ```
public struct ONNXModel: Sendable {
    /// The model's name: the one given, or its file's name without the extension.
    public let name: String
    /// The inputs a call passes, in the order the file declares them (initializers excluded).
    public var inputs: [TensorDescription] { plan.inputs.map(\.description) }
    /// The outputs a call returns, in the order the file declares them.
    public var outputs: [TensorDescription] { plan.outputs.map(\.description) }

    private let plan: ExecutionPlan

    /// Loads and checks the model in the file at `path`, named `name` (by default the file's stem);
    /// initializers kept in other files are read from the model's folder. A model Serve cannot run throws a
    /// `ModelError` naming the file, node and op.
    public init(_ path: String, name: String? = nil) throws(ModelError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ModelError("cannot be read (\(error))", file: path)
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        do {
            try self.init(
                serialized: data, name: name ?? url.deletingPathExtension().lastPathComponent, folder: folder)
        } catch {
            throw error.inFile(path)
        }
    }

    /// Loads and checks a model from its serialized bytes. `folder` is where initializers kept in other
    /// files are read from; without one, such a model is refused.
    public init(serialized data: Data, name: String, folder: String? = nil) throws(ModelError) {
        self.name = name
        self.plan = try ModelLoader(folder: folder).load(data)
    }

    /// Runs the model on `inputs`, given by name, and returns every output by name. Throws a `ModelError`
    /// whose `isInputError` is true when an input is missing, unknown, or of the wrong type or shape.
    public func run(_ inputs: [String: Tensor]) throws(ModelError) -> [String: Value] {
        for name in inputs.keys where !plan.inputs.contains(where: { $0.description.name == name }) {
            let known = plan.inputs.map { "'\($0.description.name)'" }.joined(separator: ", ")
            throw ModelError("the model has no input '\(name)' (its inputs: \(known))", isInputError: true)
        }
        var feeds: [Value] = []
        feeds.reserveCapacity(plan.inputs.count)
        for input in plan.inputs {
            guard let tensor = inputs[input.description.name] else {
                throw ModelError("input '\(input.description.name)' is missing", isInputError: true)
            }
            if let problem = input.description.mismatch(tensor) { throw ModelError(problem, isInputError: true) }
            feeds.append(.tensor(tensor))
        }
        let values = try plan.run(feeds)
        var outputs: [String: Value] = [:]
        for (output, value) in zip(plan.outputs, values) { outputs[output.description.name] = value }
        return outputs
    }
}
