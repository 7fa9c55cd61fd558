internal import Serve

/// An inference request's body, read and checked against the model before the function is called: a JSON
/// object, or (the binary tensor extension) that object's first `Inference-Header-Content-Length` bytes
/// followed by the binary inputs, in order.
///
/// Every refusal is a 400 naming the input: an unknown or missing one, a wrong datatype or shape, data
/// that disagrees with its shape (checked from the declared sizes before anything is decoded).
struct InferenceRequest: Sendable {
    /// What the call runs on: the inputs as tensors, for a model that runs them, or a Swift function's
    /// JSON arguments.
    enum Inputs: Sendable {
        /// The inputs as they came, by name, and the model's way of running them.
        case tensors([String: RawTensor], run: TensorRun)
        /// The function's arguments as a JSON object, by input name.
        case arguments([UInt8])
    }

    /// The request's `id`, echoed in the response.
    let id: String?
    /// The checked inputs, in the form the model takes them.
    let inputs: Inputs
    /// The outputs to answer with, in order, and whether each goes as binary data.
    let outputs: [(tensor: InferenceModel.Tensor, binary: Bool)]

    init(body: [UInt8], headerLength: String?, model: InferenceModel) throws(RequestError) {
        var jsonEnd = body.count
        if let headerLength {
            guard let length = Int(headerLength), (0...body.count).contains(length) else {
                throw Self.error(
                    "Inference-Header-Content-Length is '\(headerLength)', but the body has \(body.count) bytes.")
            }
            jsonEnd = length
        }
        let document: JSONValue
        do {
            document = try JSONValue(parsing: Array(body[..<jsonEnd]))
        } catch {
            throw Self.error("The inference request is not JSON: \(error.message)")
        }
        guard case .object = document, case .array(let inputs)? = document["inputs"] else {
            throw Self.error("An inference request is a JSON object with \"inputs\": a list of tensors.")
        }
        id = document["id"]?.stringValue
        var binary = body[jsonEnd...]
        var tensors: [String: RawTensor] = [:]
        var arguments: [String: JSONValue] = [:]
        for input in inputs {
            let (declared, checked) = try Self.input(input, model: model, asTensor: model.run != nil, binary: &binary)
            let name = declared.name
            guard tensors[name] == nil, arguments[name] == nil else {
                throw Self.error("Input '\(name)' is given twice.")
            }
            switch checked {
            case .tensor(let tensor): tensors[name] = tensor
            case .elements(let shape, let elements): arguments[name] = try Self.argument(shape, elements, as: declared)
            }
        }
        guard binary.isEmpty else {
            throw Self.error("The body has \(binary.count) bytes after the inputs' binary data.")
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
        outputs = try Self.outputs(document, model: model)
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

    /// One input, checked against the model: its elements, from `data` (flat or nested) or taken from the
    /// front of the binary data when `parameters.binary_data_size` says so.
    private static func input(
        _ input: JSONValue, model: InferenceModel, asTensor: Bool, binary: inout ArraySlice<UInt8>
    ) throws(RequestError) -> (InferenceModel.Tensor, Checked) {
        guard case .object = input, let name = input["name"]?.stringValue else {
            throw error("Each input is an object with \"name\", \"shape\", \"datatype\" and \"data\".")
        }
        guard let tensor = model.inputs.first(where: { $0.name == name }) else {
            throw error("Unknown input '\(name)'; \(model.name) takes \(names(model.inputs)).")
        }
        let declared = tensor.signature
        let datatype = input["datatype"]?.stringValue ?? "nothing"
        guard datatype == declared.datatype, let type = InferenceDatatype(rawValue: datatype) else {
            throw error("Input '\(name)' must have datatype \(declared.datatype), not \(datatype).")
        }
        guard let shape = input["shape"]?.arrayValue?.compactMap(\.integerValue),
            shape.count == input["shape"]?.arrayValue?.count, shape.allSatisfy({ $0 >= 0 })
        else {
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
        if let size = input["parameters"]?["binary_data_size"] {
            guard let size = size.integerValue, size >= 0, size <= binary.count else {
                throw error(
                    "Input '\(name)' declares binary_data_size \(size.text), but \(binary.count) bytes of binary data remain."
                )
            }
            let bytes = binary.prefix(size)
            binary = binary.dropFirst(size)
            let checked: Checked? =
                if asTensor {
                    type.holds(bytes, count: count) ? .tensor(RawTensor(shape: shape, bytes: Array(bytes))) : nil
                } else {
                    type.elements(bytes, count: count, base64: isFile).map { .elements(shape: shape, $0) }
                }
            guard let checked else {
                let expected = type.width.map { "\(count * $0) bytes" } ?? "\(count) length-prefixed UTF-8 strings"
                throw error(
                    "Input '\(name)' has \(size) bytes of binary data; its shape and datatype need \(expected).")
            }
            return (tensor, checked)
        }
        guard let data = input["data"] else { throw error("Input '\(name)' has neither \"data\" nor binary data.") }
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

    /// The outputs the request names (all when it names none), each binary when it or the request asks.
    private static func outputs(_ document: JSONValue, model: InferenceModel) throws(RequestError)
        -> [(tensor: InferenceModel.Tensor, binary: Bool)]
    {
        let allBinary = document["parameters"]?["binary_data_output"]?.boolValue ?? false
        guard case .array(let requested)? = document["outputs"], !requested.isEmpty else {
            return model.outputs.map { ($0, allBinary) }
        }
        var chosen: [(tensor: InferenceModel.Tensor, binary: Bool)] = []
        for output in requested {
            guard let name = output["name"]?.stringValue else {
                throw error("Each requested output is an object with \"name\".")
            }
            guard let tensor = model.outputs.first(where: { $0.name == name }) else {
                throw error("Unknown output '\(name)'; \(model.name) gives \(names(model.outputs)).")
            }
            chosen.append((tensor, output["parameters"]?["binary_data"]?.boolValue ?? allBinary))
        }
        return chosen
    }
}
