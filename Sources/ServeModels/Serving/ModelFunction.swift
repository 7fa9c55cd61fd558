public import Serve

extension ONNXModel {
    /// The model as a function Serve serves at `/NAME/predict` and `/v2/models/NAME`: its inputs by name as
    /// nested JSON arrays, its outputs by name (a ZipMap's sequence of maps as objects), its docs and OpenAPI
    /// from the file's declared types and shapes. Concurrent calls are combined within `batching` when the
    /// model's inputs stack by rows (nil: each call alone).
    public func servedFunction(batching: BatchLimits? = BatchLimits()) -> ServedFunction<Void> {
        Self.servedFunction(ModelSlot(self), batching: batching)
    }

    /// The function of the model in `slot`: its description from the model there now, each call run by
    /// the model there when the call starts.
    static func servedFunction(_ slot: ModelSlot, batching: BatchLimits?) -> ServedFunction<Void> {
        let runner = ModelRunner(slot, batching: batching)
        let first = slot.model
        let (name, inputs, outputs) = (first.name, first.inputs, first.outputs)
        let parameters = inputs.map { input in
            Parameter(
                input.name, schema: Self.schema(for: input), isRequired: true,
                description: TensorJSON.expected(input))
        }
        let outputList = outputs.map { output in
            output.elementType == nil
                ? "'\(output.name)' (a list of label → score objects)"
                : "'\(output.name)' (\(TensorJSON.expected(output).dropFirst(2)))"
        }
        return ServedFunction(
            name: name + ".predict",
            summary: "Runs the ONNX model \(name).",
            discussion: "Takes the inputs by name as nested arrays; returns the outputs by name: "
                + outputList.joined(separator: ", ") + ".",
            parameters: parameters,
            result: .object(
                name: name + " outputs", description: nil,
                properties: outputs.map { output in
                    JSONSchema.Property(output.name, schema: Self.schema(for: output), isRequired: true)
                }),
            resultDescription: "The outputs by name.",
            tensors: TensorInterface(
                name: name, platform: "onnx", inputs: inputs.map(Self.signature), outputs: outputs.map(Self.signature),
                run: runner.batches == nil
                    ? .immediate { raw in try runner.runNow(try Self.tensors(raw, inputs)).mapValues(\.raw) }
                    : .deferred { raw in
                        let tensors = try Self.tensors(raw, inputs)
                        return { try await runner.run(tensors).mapValues(\.raw) }
                    }),
            batches: runner.batches,
            invocation: runner.batches == nil
                ? .immediate { _, arguments, writer in
                    Self.write(try runner.runNow(try Self.tensors(&arguments, inputs)), outputs, to: &writer)
                }
                : .deferred { _, arguments in
                    let tensors = try Self.tensors(&arguments, inputs)
                    return {
                        var writer = JSONWriter()
                        Self.write(try await runner.run(tensors), outputs, to: &writer)
                        return JSONOutput(writer)
                    }
                })
    }

    /// The inputs a call's JSON arguments hold, each checked against the model's declaration.
    private static func tensors(_ arguments: inout Arguments, _ inputs: [TensorDescription]) throws -> [String: Tensor]
    {
        var tensors: [String: Tensor] = [:]
        var problems: [Problem] = []
        var reason = ArgumentError.Reason.invalid
        for (index, input) in inputs.enumerated() {
            guard let json = arguments.value(JSONValue.self, at: index) else { continue }
            do {
                tensors[input.name] = try TensorJSON.tensor(json, for: input)
            } catch {
                problems += error.problems
                reason = max(reason, error.reason)
            }
        }
        guard arguments.isValid, problems.isEmpty else {
            throw ArgumentError(problems: arguments.problems + problems, reason: reason)
        }
        return tensors
    }

    /// The inputs of an inference call, as the protocol carried them.
    private static func tensors(_ raw: [String: RawTensor], _ inputs: [TensorDescription]) throws(ArgumentError)
        -> [String: Tensor]
    {
        var tensors: [String: Tensor] = [:]
        for input in inputs {
            guard let given = raw[input.name] else { continue }
            guard let type = input.elementType, let tensor = Tensor(given, type: type) else {
                throw ArgumentError(
                    field: input.name, expected: TensorJSON.expected(input),
                    got: "\(given.bytes.count) bytes for shape \(given.shape)")
            }
            tensors[input.name] = tensor
        }
        return tensors
    }

    /// Writes the outputs by name, null for one the model did not give.
    private static func write(_ results: [String: Value], _ outputs: [TensorDescription], to writer: inout JSONWriter) {
        writer.beginObject()
        for output in outputs {
            writer.writeKey(output.name)
            if let value = results[output.name] {
                TensorJSON.write(value, to: &writer)
            } else {
                writer.writeNull()
            }
        }
        writer.endObject()
    }

    /// The tensor as the Open Inference Protocol describes it: a ZipMap's sequence of maps is a list of
    /// `BYTES` elements, each a map's JSON text.
    static func signature(for tensor: TensorDescription) -> TensorSignature {
        guard let type = tensor.elementType else {
            return TensorSignature(name: tensor.name, datatype: "BYTES", shape: [-1])
        }
        return TensorSignature(name: tensor.name, datatype: type.inferenceProtocolName, shape: tensor.protocolShape)
    }

    /// Nested arrays as deep as the declared rank, of the element type's JSON type; the example is a
    /// valid tensor (dynamic dimensions 1), for the docs page's "Try it out".
    static func schema(for tensor: TensorDescription) -> JSONSchema {
        guard let type = tensor.elementType else {
            return .array(of: .map(of: .number(format: "float")))
        }
        let element: JSONSchema =
            switch type {
            case .float: .number(format: "float")
            case .double: .number(format: "double")
            case .bool: .boolean
            case .string: .string
            default: .integer(format: type == .int64 ? "int64" : nil)
            }
        let rank = tensor.shape?.count ?? 1
        var schema = element
        for _ in 0..<rank { schema = .array(of: schema) }
        var example: JSONValue =
            switch type {
            case .float, .double: .number(0.5)
            case .bool: .bool(true)
            case .string: .string("text")
            default: .integer(1)
            }
        for dimension in (tensor.shape ?? [.unknown]).reversed() {
            example = .array(Array(repeating: example, count: min(dimension.size ?? 1, 1024)))
        }
        return .constrained(schema, JSONSchema.Constraints(example: example))
    }
}
