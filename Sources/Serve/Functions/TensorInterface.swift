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

    /// Describes a model's inputs and outputs.
    public init(name: String, platform: String, inputs: [TensorSignature], outputs: [TensorSignature]) {
        self.name = name
        self.platform = platform
        self.inputs = inputs
        self.outputs = outputs
    }
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
