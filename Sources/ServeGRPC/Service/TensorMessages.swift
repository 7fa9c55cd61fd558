internal import Serve
internal import ServeHTTP

#if canImport(FoundationEssentials)
    internal import FoundationEssentials
#else
    internal import Foundation
#endif

/// The protocol's gRPC tensors as the REST form's: a request's inputs become ``InferenceRequest/Input``s
/// holding the protocol's bytes (from `raw_input_contents`, or the typed `contents` written out
/// little-endian), and a call's outputs become `raw_output_contents`.
enum TensorMessages {
    /// The inputs of `message`, each with its bytes; a malformed pairing of inputs and raw contents is a
    /// 400 (`INVALID_ARGUMENT`).
    static func inputs(of message: Inference_ModelInferRequest) throws(RequestError) -> [InferenceRequest.Input] {
        let raw = message.rawInputContents
        guard raw.isEmpty || raw.count == message.inputs.count else {
            throw RequestError(
                status: 400,
                message:
                    "raw_input_contents has \(raw.count) entries for \(message.inputs.count) inputs: give one per input, or none."
            )
        }
        var inputs: [InferenceRequest.Input] = []
        inputs.reserveCapacity(message.inputs.count)
        for (index, input) in message.inputs.enumerated() {
            if !raw.isEmpty, input.hasContents {
                throw RequestError(
                    status: 400, message: "Input '\(input.name)' has both contents and raw_input_contents; give one.")
            }
            let bytes = raw.isEmpty ? try Self.bytes(of: input) : [UInt8](raw[index])
            inputs.append(
                InferenceRequest.Input(
                    name: input.name, datatype: input.datatype, shape: input.shape.map { Int(clamping: $0) },
                    contents: .binary(bytes[...])))
        }
        return inputs
    }

    /// How many bytes of tensor data `message` carries, for the size limit.
    static func payloadSize(of message: Inference_ModelInferRequest) -> Int {
        var size = message.rawInputContents.reduce(0) { $0 + $1.count }
        for input in message.inputs where input.hasContents {
            let contents = input.contents
            size += contents.boolContents.count + 4 * (contents.intContents.count + contents.uintContents.count)
            size += 8 * (contents.int64Contents.count + contents.uint64Contents.count + contents.fp64Contents.count)
            size += 4 * contents.fp32Contents.count + contents.bytesContents.reduce(0) { $0 + 4 + $1.count }
        }
        return size
    }

    /// An input's typed contents as the protocol's bytes, read from the field its datatype uses; a value
    /// out of the datatype's range is a 400. `FP16` and `BF16` travel only as raw contents.
    private static func bytes(of input: Inference_ModelInferRequest.InferInputTensor) throws(RequestError) -> [UInt8] {
        let contents = input.contents
        var bytes: [UInt8] = []
        func store<T: FixedWidthInteger>(_ values: some Collection<some BinaryInteger>, as _: T.Type)
            throws(RequestError)
        {
            bytes.reserveCapacity(values.count * MemoryLayout<T>.size)
            for value in values {
                guard let element = T(exactly: value) else {
                    throw RequestError(
                        status: 400,
                        message: "Input '\(input.name)' holds \(value), which is not a \(input.datatype) element.")
                }
                withUnsafeBytes(of: element.littleEndian) { bytes.append(contentsOf: $0) }
            }
        }
        switch input.datatype {
        case "BOOL": bytes = contents.boolContents.map { $0 ? 1 : 0 }
        case "INT8": try store(contents.intContents, as: Int8.self)
        case "INT16": try store(contents.intContents, as: Int16.self)
        case "INT32": try store(contents.intContents, as: Int32.self)
        case "INT64": try store(contents.int64Contents, as: Int64.self)
        case "UINT8": try store(contents.uintContents, as: UInt8.self)
        case "UINT16": try store(contents.uintContents, as: UInt16.self)
        case "UINT32": try store(contents.uintContents, as: UInt32.self)
        case "UINT64": try store(contents.uint64Contents, as: UInt64.self)
        case "FP32": try store(contents.fp32Contents.map(\.bitPattern), as: UInt32.self)
        case "FP64": try store(contents.fp64Contents.map(\.bitPattern), as: UInt64.self)
        case "BYTES":
            for element in contents.bytesContents { RawTensor.appendByteString(element, to: &bytes) }
        default: break  // the datatype is refused by the check against the model
        }
        return bytes
    }

    /// The response: each output's name, datatype and shape, its elements in `raw_output_contents`.
    static func response(
        _ outputs: [InferenceResponse.Output], model: InferenceModel, id: String
    ) throws -> Inference_ModelInferResponse {
        var response = Inference_ModelInferResponse()
        response.modelName = model.name
        response.modelVersion = InferenceModel.version
        response.id = id
        for output in outputs {
            var tensor = Inference_ModelInferResponse.InferOutputTensor()
            tensor.name = output.name
            tensor.datatype = output.datatype
            tensor.shape = output.shape.map(Int64.init)
            response.outputs.append(tensor)
            response.rawOutputContents.append(Data(try output.bytes()))
        }
        return response
    }

    /// A model's inputs or outputs as the metadata lists them (-1 for a dimension of any size).
    static func metadata(_ tensors: [InferenceModel.Tensor]) -> [Inference_ModelMetadataResponse.TensorMetadata] {
        tensors.map { tensor in
            var metadata = Inference_ModelMetadataResponse.TensorMetadata()
            metadata.name = tensor.name
            metadata.datatype = tensor.signature.datatype
            metadata.shape = (tensor.signature.shape ?? [-1]).map(Int64.init)
            return metadata
        }
    }
}
