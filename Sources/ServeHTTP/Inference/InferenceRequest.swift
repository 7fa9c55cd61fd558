package import Serve

/// An inference request, read and checked against the model before the function is called: from the REST
/// form's body (a JSON object, or with the binary tensor extension that object's first
/// `Inference-Header-Content-Length` bytes followed by the binary inputs, in order), or from the inputs of
/// the gRPC form's message, each holding the protocol's bytes.
///
/// Every refusal is a 400 naming the input: an unknown or missing one, a wrong datatype or shape, data
/// that disagrees with its shape (checked from the declared sizes before anything is decoded).
package struct InferenceRequest: Sendable {
    /// What the call runs on: the inputs as tensors, for a model that runs them, or a Swift function's
    /// JSON arguments.
    enum Inputs: Sendable {
        /// The inputs as they came, by name, and the model's way of running them.
        case tensors([String: RawTensor], run: TensorRun)
        /// The function's arguments as a JSON object, by input name.
        case arguments([UInt8])
    }

    /// One input as a request carries it, before it is checked against the model.
    package struct Input {
        /// Where an input's elements are: JSON values (flat or nested), or the protocol's bytes.
        package enum Contents {
            case json(JSONValue)
            case binary(ArraySlice<UInt8>)
        }
        package var name: String
        package var datatype: String
        /// The dimensions; nil when the request's shape is not a list of whole numbers.
        package var shape: [Int]?
        package var contents: Contents

        /// An input; `shape` nil when the request's is malformed.
        package init(name: String, datatype: String, shape: [Int]?, contents: Contents) {
            self.name = name
            self.datatype = datatype
            self.shape = shape
            self.contents = contents
        }
    }

    /// The request's `id`, echoed in the response.
    let id: String?
    /// The checked inputs, in the form the model takes them.
    let inputs: Inputs
    /// The outputs to answer with, in order, and whether each goes as binary data.
    let outputs: [(tensor: InferenceModel.Tensor, binary: Bool)]

    /// A request however it came: its inputs checked against `model` (each named once, every required one
    /// given), and the outputs it asks for by name (all of them, binary when `allBinary`, when it names none).
    package init(
        id: String?, inputs: [Input], outputs requested: [(name: String, binary: Bool)], allBinary: Bool,
        model: InferenceModel
    ) throws(RequestError) {
        self.id = id
        var tensors: [String: RawTensor] = [:]
        var arguments: [String: JSONValue] = [:]
        for input in inputs {
            let (declared, checked) = try Self.check(input, model: model, asTensor: model.run != nil)
            let name = declared.name
            guard tensors[name] == nil, arguments[name] == nil else {
                throw Self.error("Input '\(name)' is given twice.")
            }
            switch checked {
            case .tensor(let tensor): tensors[name] = tensor
            case .elements(let shape, let elements): arguments[name] = try Self.argument(shape, elements, as: declared)
            }
        }
        if let missing = model.inputs.first(where: {
            $0.isRequired && tensors[$0.name] == nil && arguments[$0.name] == nil
        }) {
            throw Self.error("Input '\(missing.name)' is missing; \(model.name) takes \(Self.names(model.inputs)).")
        }
        if let run = model.run {
            self.inputs = .tensors(tensors, run: run)
        } else {
            var writer = JSONWriter()
            writer.beginObject()
            for input in model.inputs {
                guard let value = arguments[input.name] else { continue }
                writer.writeKey(input.name)
                value.write(to: &writer)
            }
            writer.endObject()
            self.inputs = .arguments(writer.withUnsafeBytes { Array($0) })
        }
        guard !requested.isEmpty else {
            outputs = model.outputs.map { ($0, allBinary) }
            return
        }
        var chosen: [(tensor: InferenceModel.Tensor, binary: Bool)] = []
        for (name, binary) in requested {
            guard let tensor = model.outputs.first(where: { $0.name == name }) else {
                throw Self.error("Unknown output '\(name)'; \(model.name) gives \(Self.names(model.outputs)).")
            }
            chosen.append((tensor, binary))
        }
        outputs = chosen
    }

    static func error(_ message: String) -> RequestError { RequestError(status: 400, message: message) }

    static func names(_ tensors: [InferenceModel.Tensor]) -> String {
        tensors.map { "'\($0.name)'" }.joined(separator: ", ")
    }

    /// An input's elements, checked: as the protocol's bytes for a model that runs tensors, else as the
    /// JSON leaves a Swift function's argument is made of.
    private enum Checked {
        case tensor(RawTensor)
        case elements(shape: [Int], [JSONValue])
    }

    /// One input, checked against the model: its elements, from JSON (flat or nested) or the protocol's
    /// bytes.
    private static func check(_ input: Input, model: InferenceModel, asTensor: Bool) throws(RequestError)
        -> (InferenceModel.Tensor, Checked)
    {
        let name = input.name
        guard let tensor = model.inputs.first(where: { $0.name == name }) else {
            throw error("Unknown input '\(name)'; \(model.name) takes \(names(model.inputs)).")
        }
        let declared = tensor.signature
        let datatype = input.datatype
        guard datatype == declared.datatype, let type = InferenceDatatype(rawValue: datatype) else {
            throw error("Input '\(name)' must have datatype \(declared.datatype), not \(datatype).")
        }
        guard let shape = input.shape, shape.allSatisfy({ $0 >= 0 }) else {
            throw error("Input '\(name)' needs \"shape\": a list of sizes, each 0 or more.")
        }
        if let expected = declared.shape {
            let fits = expected.count == shape.count && zip(expected, shape).allSatisfy { $0 == -1 || $0 == $1 }
            guard fits else {
                throw error("Input '\(name)' has shape \(shape), expected \(Self.shape(expected)).")
            }
        }
        var count = 1
        for size in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow, product <= 1 << 32 else { throw error("Input '\(name)' has too many elements: \(shape).") }
            count = product
        }
        let isFile = tensor.form == .file
        let data: JSONValue
        switch input.contents {
        case .json(let value):
            data = value
        case .binary(let bytes):
            let checked: Checked? =
                if asTensor {
                    type.holds(bytes, count: count) ? .tensor(RawTensor(shape: shape, bytes: Array(bytes))) : nil
                } else {
                    type.elements(bytes, count: count, base64: isFile).map { .elements(shape: shape, $0) }
                }
            guard let checked else {
                let expected = type.width.map { "\(count * $0) bytes" } ?? "\(count) length-prefixed UTF-8 strings"
                throw error(
                    "Input '\(name)' has \(bytes.count) bytes of binary data; its shape and datatype need \(expected).")
            }
            return (tensor, checked)
        }
        var bytes: [UInt8] = []
        var elements: [JSONValue] = []
        if asTensor { bytes.reserveCapacity(count * (type.width ?? 8)) } else { elements.reserveCapacity(count) }
        var taken = 0
        func append(_ value: JSONValue) throws(RequestError) {
            guard case .array(let items) = value else {
                guard taken < count else {
                    throw error("Input '\(name)' has more elements in \"data\" than its shape holds (\(count)).")
                }
                guard let element = type.element(value) else {
                    throw error("Input '\(name)' holds \(value.text), which is not a \(type.rawValue) element.")
                }
                if asTensor {
                    type.append(element, to: &bytes)
                } else if isFile {
                    elements.append(.string(Base64.encode(Array((element.stringValue ?? "").utf8))))
                } else {
                    elements.append(element)
                }
                taken += 1
                return
            }
            for item in items { try append(item) }
        }
        try append(data)
        guard taken == count else {
            throw error("Input '\(name)' has \(taken) elements, but its shape \(shape) holds \(count).")
        }
        return (tensor, asTensor ? .tensor(RawTensor(shape: shape, bytes: bytes)) : .elements(shape: shape, elements))
    }

    /// The function's JSON argument for a checked input: nested arrays in its shape, one bare element, the
    /// JSON a `BYTES` element holds, or a file's bytes as base64.
    private static func argument(_ shape: [Int], _ elements: [JSONValue], as declared: InferenceModel.Tensor)
        throws(RequestError) -> JSONValue
    {
        let name = declared.name
        switch declared.form {
        case .scalar, .file:
            guard let element = elements.first else { throw error("Input '\(name)' is empty.") }
            return element
        case .json:
            do {
                return try JSONValue(parsing: elements.first?.stringValue ?? "")
            } catch {
                throw Self.error("Input '\(name)' must hold JSON text: \(error.message)")
            }
        case .tensor:
            var index = 0
            func level(_ depth: Int) -> JSONValue {
                if depth == shape.count {
                    defer { index += 1 }
                    return elements[index]
                }
                return .array((0..<shape[depth]).map { _ in level(depth + 1) })
            }
            return level(0)
        }
    }

    /// `[-1, 4]` as `[any, 4]`.
    static func shape(_ shape: [Int]) -> String {
        "[" + shape.map { $0 < 0 ? "any" : String($0) }.joined(separator: ", ") + "]"
    }
}
