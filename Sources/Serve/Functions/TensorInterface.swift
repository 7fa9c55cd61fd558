/// A function's inputs and outputs as tensors: how the Open Inference Protocol (`/v2/models/NAME`)
/// describes and calls it.
///
/// A model declares its own, from its file's element types and shapes. A function written in Swift
/// declares none: the runtime reads one from its parameters' and result's schemas.
public struct TensorInterface: Sendable {
    /// The name the protocol serves it under: `/v2/models/NAME`.
    public var name: String
    /// What runs it, e.g. `onnx`.
    public var platform: String
    /// The inputs, by the names calls give them.
    public var inputs: [TensorSignature]
    /// The outputs: the members of the function's result object, by name.
    public var outputs: [TensorSignature]
    /// Runs the model on tensors as the protocol carries them, by input name, and gives its outputs by
    /// name: the protocol's calls take this path, with no JSON between. Nil when calls go through the
    /// function's JSON arguments. An `ArgumentError` it throws is the caller's fault (400).
    public var run: TensorRun?

    /// Describes a model's inputs and outputs, and how to run it on tensors.
    public init(
        name: String, platform: String, inputs: [TensorSignature], outputs: [TensorSignature],
        run: TensorRun? = nil
    ) {
        self.name = name
        self.platform = platform
        self.inputs = inputs
        self.outputs = outputs
        self.run = run
    }
}

/// How a model runs on tensors: at once, on the connection's thread, or as a task (a model whose calls are
/// combined waits for others).
public enum TensorRun: Sendable {
    /// Runs now and answers.
    case immediate(@Sendable ([String: RawTensor]) throws -> [String: RawTensor])
    /// Takes the inputs now (a batched model queues them, on the connection's thread) and gives the work
    /// that answers once their call has run.
    case deferred(@Sendable ([String: RawTensor]) throws -> @Sendable () async throws -> [String: RawTensor])
}

/// One input or output tensor: its name, element type and shape, in the Open Inference Protocol's terms.
public struct TensorSignature: Sendable, Equatable {
    /// The name.
    public var name: String
    /// The protocol's element type: `BOOL`, `UINT8` … `UINT64`, `INT8` … `INT64`, `FP16`, `FP32`, `FP64`
    /// or `BYTES` (strings, and anything else sent as JSON text).
    public var datatype: String
    /// The dimensions, -1 for one of any size; nil when any rank goes.
    public var shape: [Int]?

    /// Describes a tensor.
    public init(name: String, datatype: String, shape: [Int]?) {
        self.name = name
        self.datatype = datatype
        self.shape = shape
    }
}
