package import Serve

/// A served function as the Open Inference Protocol sees it: a model with named input and output
/// tensors. A model declares them; a Swift function's are read from its schemas:
///
/// - a number, integer, Boolean or string parameter is a tensor of shape `[1]` (`FP64`, `INT64`, `BOOL`,
///   `BYTES`; `FP32` for a `Float`); arrays of them add a dimension of any size each;
/// - a file is one `BYTES` element holding the file's bytes;
/// - anything else (a struct, a dictionary) is one `BYTES` element holding its JSON text;
/// - a result that is an object gives one output per member, any other result one output, `output`.
package struct InferenceModel: Sendable {
    /// How a tensor's elements become a function's JSON argument, and a JSON result a tensor.
    enum Form: Sendable {
        /// Nested arrays, as deep as the shape's rank.
        case tensor
        /// One element, written bare (a parameter of type `Double` is the tensor `[1]`).
        case scalar
        /// One `BYTES` element holding JSON text.
        case json
        /// One `BYTES` element holding a file (base64 in the function's JSON).
        case file
    }

    /// A tensor and its form.
    package struct Tensor: Sendable {
        package let signature: TensorSignature
        let form: Form
        /// Whether a call must give it (an input whose parameter has a default value need not).
        var isRequired = true
        package var name: String { signature.name }
    }

    /// The name in `/v2/models/NAME`.
    package let name: String
    package let platform: String
    package let inputs: [Tensor]
    package let outputs: [Tensor]
    /// Whether the outputs are the members of the result object (else the one output is the result).
    let outputsAreMembers: Bool
    package let function: BoundFunction
    /// Runs the model on tensors as they came, when it declares how; nil when calls go through the
    /// function's JSON arguments.
    let run: TensorRun?

    /// The only version each model has: the protocol's paths may name it.
    package static let version = "1"

    init(_ function: BoundFunction) {
        self.function = function
        let description = function.description
        if let declared = description.tensors {
            name = declared.name
            platform = declared.platform
            inputs = declared.inputs.map { Tensor(signature: $0, form: .tensor) }
            outputs = declared.outputs.map { Tensor(signature: $0, form: .tensor) }
            outputsAreMembers = true
            run = declared.run
            return
        }
        run = nil
        name = function.qualifiedName
        platform = "swift"
        inputs = description.parameters.map { parameter in
            var tensor = Self.tensor(parameter.name, parameter.schema)
            tensor.isRequired = parameter.isRequired
            return tensor
        }
        if case .object(_, _, let properties) = Self.unwrapped(description.result) {
            outputs = properties.map { Self.tensor($0.name, $0.schema) }
            outputsAreMembers = true
        } else {
            outputs = [Self.tensor("output", description.result)]
            outputsAreMembers = false
        }
    }

    private static func unwrapped(_ schema: JSONSchema) -> JSONSchema {
        switch schema {
        case .optional(let wrapped), .constrained(let wrapped, _): unwrapped(wrapped)
        default: schema
        }
    }

    private static func tensor(_ name: String, _ schema: JSONSchema) -> Tensor {
        var shape: [Int] = []
        var element = unwrapped(schema)
        while case .array(let inner) = element {
            shape.append(-1)
            element = unwrapped(inner)
        }
        let datatype: InferenceDatatype? =
            switch element {
            case .boolean: .bool
            case .integer: .int64
            case .number(let format): format == "float" ? .fp32 : .fp64
            case .string: .bytes
            case .enumeration(_, _, let values):
                values.allSatisfy { $0.stringValue != nil }
                    ? .bytes
                    : values.allSatisfy { $0.integerValue != nil } ? .int64 : nil
            default: nil
            }
        if let datatype {
            let form: Form = shape.isEmpty ? .scalar : .tensor
            return Tensor(
                signature: TensorSignature(name: name, datatype: datatype.rawValue, shape: shape.isEmpty ? [1] : shape),
                form: form)
        }
        let form: Form = schema.isBinary && shape.isEmpty ? .file : .json
        return Tensor(signature: TensorSignature(name: name, datatype: "BYTES", shape: [1]), form: form)
    }

    /// `GET /v2/models/NAME`: the name, versions, platform and tensors (-1 for a dimension of any size).
    var metadata: JSONValue {
        func list(_ tensors: [Tensor]) -> JSONValue {
            .array(
                tensors.map { tensor in
                    [
                        "name": .string(tensor.name), "datatype": .string(tensor.signature.datatype),
                        "shape": .array((tensor.signature.shape ?? [-1]).map(JSONValue.integer)),
                    ]
                })
        }
        return [
            "name": .string(name), "versions": [.string(Self.version)], "platform": .string(platform),
            "inputs": list(inputs), "outputs": list(outputs),
        ]
    }
}
