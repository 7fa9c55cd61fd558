internal import NIOCore
internal import NIOHTTP1
internal import Serve

/// A call's result as the outputs the request asked for, and (REST) as an inference response: each output's
/// elements with their shape, in `data` or (the binary tensor extension) after the JSON, its length in
/// `Inference-Header-Content-Length`.
package enum InferenceResponse {
    /// A result that does not fit the outputs the function declares: the function's fault (500).
    package struct Mismatch: Error, CustomStringConvertible {
        package let description: String
    }

    /// A Swift function's outputs: its JSON result's members (or the result itself, for a function with
    /// one output).
    static func outputs(
        _ result: JSONOutput, request: InferenceRequest, model: InferenceModel
    ) throws(Mismatch) -> [Output] {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: result.withUnsafeBytes { Array($0) })
        } catch {
            throw Mismatch(description: "its result is not JSON: \(error.message)")
        }
        var outputs: [Output] = []
        for (tensor, binary) in request.outputs {
            let member = model.outputsAreMembers ? value[tensor.name] : value
            guard let member else { continue }
            if case .null = member { continue }
            let (shape, elements) = try self.tensor(member, as: tensor)
            outputs.append(Output(tensor: tensor, binary: binary, shape: shape, contents: .elements(elements)))
        }
        return outputs
    }

    /// A model's outputs from its run on tensors, as they came.
    static func outputs(_ result: [String: RawTensor], request: InferenceRequest) -> [Output] {
        request.outputs.compactMap { tensor, binary in
            result[tensor.name].map {
                Output(tensor: tensor, binary: binary, shape: $0.shape, contents: .bytes($0.bytes))
            }
        }
    }

    /// One output to answer with: its elements as JSON values or as the protocol's bytes.
    package struct Output: Sendable {
        enum Contents {
            case elements([JSONValue])
            case bytes([UInt8])
        }
        let tensor: InferenceModel.Tensor
        /// Whether the REST request asked for it as binary data.
        let binary: Bool
        package let shape: [Int]
        let contents: Contents

        package var name: String { tensor.name }
        package var datatype: String { tensor.signature.datatype }

        /// The elements as the protocol's bytes (little-endian; each `BYTES` element after its 4-byte
        /// length), checked against the shape.
        package func bytes() throws(Mismatch) -> [UInt8] {
            guard let type = InferenceDatatype(rawValue: datatype) else {
                throw Mismatch(description: "output '\(name)' has datatype \(datatype), which has no binary form")
            }
            switch contents {
            case .bytes(let bytes):
                guard type.holds(bytes[...], count: shape.reduce(1, *)) else {
                    throw Mismatch(description: "output '\(name)' has \(bytes.count) bytes for shape \(shape)")
                }
                return bytes
            case .elements(let elements):
                var bytes: [UInt8] = []
                for element in elements { type.append(element, to: &bytes) }
                return bytes
            }
        }
    }

    /// The REST response: the outputs in JSON, or after it where the request asked for binary data.
    static func response(_ outputs: [Output], model: InferenceModel, request: InferenceRequest)
        throws(Mismatch) -> Response
    {
        var binary: [UInt8] = []
        var writer = JSONWriter()
        writer.beginObject()
        writer.writeKey("model_name")
        writer.write(model.name)
        writer.writeKey("model_version")
        writer.write(InferenceModel.version)
        if let id = request.id {
            writer.writeKey("id")
            writer.write(id)
        }
        writer.writeKey("outputs")
        writer.beginArray()
        for output in outputs {
            let datatype = output.tensor.signature.datatype
            let type = InferenceDatatype(rawValue: datatype)
            writer.beginObject()
            writer.writeKey("name")
            writer.write(output.tensor.name)
            writer.writeKey("datatype")
            writer.write(datatype)
            writer.writeKey("shape")
            writer.beginArray()
            for size in output.shape { writer.write(size) }
            writer.endArray()
            let asBinary = output.binary && type != nil
            let start = binary.count
            var elements: [JSONValue] = []
            switch output.contents {
            case .elements(let values):
                elements = values
            case .bytes:
                let bytes = try output.bytes()
                if asBinary {
                    binary += bytes
                } else {
                    elements = type?.elements(bytes[...], count: output.shape.reduce(1, *), base64: false) ?? []
                }
            }
            if asBinary, let type {
                for element in elements { type.append(element, to: &binary) }
                writer.writeKey("parameters")
                writer.beginObject()
                writer.writeKey("binary_data_size")
                writer.write(binary.count - start)
                writer.endObject()
            } else {
                writer.writeKey("data")
                writer.beginArray()
                for element in elements { type?.write(element, to: &writer) ?? element.write(to: &writer) }
                writer.endArray()
            }
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        var body = writer.withUnsafeBytes { ByteBuffer(bytes: $0) }
        guard !binary.isEmpty else { return Response(status: .ok, contentType: "application/json", body: body) }
        let headerLength = body.readableBytes
        body.writeBytes(binary)
        return Response(
            status: .ok, contentType: "application/octet-stream", body: body,
            headers: [("inference-header-content-length", String(headerLength))])
    }

    /// The shape and flat elements of an output's value: nested arrays as deep as the declared rank (any
    /// depth when the rank is open), one bare element for shape `[1]`, the JSON text of anything else a
    /// `BYTES` output holds.
    private static func tensor(_ value: JSONValue, as tensor: InferenceModel.Tensor) throws(Mismatch)
        -> (shape: [Int], elements: [JSONValue])
    {
        let declared = tensor.signature
        let type = InferenceDatatype(rawValue: declared.datatype) ?? .bytes
        switch tensor.form {
        case .json, .file: return ([1], [.string(value.stringValue ?? value.text)])
        case .scalar: return ([1], [try element(value, type, tensor)])
        case .tensor: break
        }
        var shape: [Int] = []
        var level = value
        while declared.shape.map({ shape.count < $0.count }) ?? true, case .array(let elements) = level {
            shape.append(elements.count)
            guard let first = elements.first else { break }
            level = first
        }
        if let rank = declared.shape?.count, shape.count != rank {
            if rank == 1, declared.shape == [1] || declared.shape == [-1], shape.isEmpty {
                return ([1], [try element(value, type, tensor)])
            }
            throw Mismatch(description: "output '\(tensor.name)' should have rank \(rank), got shape \(shape)")
        }
        var elements: [JSONValue] = []
        func collect(_ value: JSONValue, _ depth: Int) throws(Mismatch) {
            if depth == shape.count {
                elements.append(try element(value, type, tensor))
                return
            }
            guard case .array(let items) = value, items.count == shape[depth] else {
                throw Mismatch(description: "output '\(tensor.name)' has ragged arrays")
            }
            for item in items { try collect(item, depth + 1) }
        }
        try collect(value, 0)
        return (shape, elements)
    }

    private static func element(_ value: JSONValue, _ type: InferenceDatatype, _ tensor: InferenceModel.Tensor)
        throws(Mismatch) -> JSONValue
    {
        if type == .bytes, value.stringValue == nil { return .string(value.text) }
        guard let element = type.element(value) else {
            throw Mismatch(description: "output '\(tensor.name)' holds \(value.text), not a \(type.rawValue) element")
        }
        return element
    }
}
