internal import Serve

extension InferenceRequest {
    /// The REST form: a JSON body, or its first `headerLength` bytes followed by the binary inputs.
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
        var binary = body[jsonEnd...]
        var read: [Input] = []
        for input in inputs {
            guard case .object = input, let name = input["name"]?.stringValue else {
                throw Self.error("Each input is an object with \"name\", \"shape\", \"datatype\" and \"data\".")
            }
            let shape = input["shape"]?.arrayValue.flatMap { sizes in
                let whole = sizes.compactMap(\.integerValue)
                return whole.count == sizes.count ? whole : nil
            }
            let contents: Input.Contents
            if let size = input["parameters"]?["binary_data_size"] {
                guard let size = size.integerValue, size >= 0, size <= binary.count else {
                    throw Self.error(
                        "Input '\(name)' declares binary_data_size \(size.text), but \(binary.count) bytes of binary data remain."
                    )
                }
                contents = .binary(binary.prefix(size))
                binary = binary.dropFirst(size)
            } else if let data = input["data"] {
                contents = .json(data)
            } else {
                throw Self.error("Input '\(name)' has neither \"data\" nor binary data.")
            }
            read.append(
                Input(
                    name: name, datatype: input["datatype"]?.stringValue ?? "nothing", shape: shape, contents: contents)
            )
        }
        guard binary.isEmpty else {
            throw Self.error("The body has \(binary.count) bytes after the inputs' binary data.")
        }
        let allBinary = document["parameters"]?["binary_data_output"]?.boolValue ?? false
        var requested: [(name: String, binary: Bool)] = []
        if case .array(let outputs)? = document["outputs"] {
            for output in outputs {
                guard let name = output["name"]?.stringValue else {
                    throw Self.error("Each requested output is an object with \"name\".")
                }
                requested.append((name, output["parameters"]?["binary_data"]?.boolValue ?? allBinary))
            }
        }
        try self.init(
            id: document["id"]?.stringValue, inputs: read, outputs: requested, allBinary: allBinary, model: model)
    }
}
