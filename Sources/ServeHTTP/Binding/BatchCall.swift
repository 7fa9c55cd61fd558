internal import NIOCore
internal import Serve

/// `POST /NAME/batch`: many calls of one function in one request.
///
/// The body is `{"instances": [A, B, …]}`, each instance being what `POST /NAME` takes (an object of
/// named arguments or an array of positional ones). The answer is `{"predictions": [a, b, …],
/// "errors": […]}`: results in the order of the instances, `null` where an instance failed, and one entry
/// per failed instance in `errors` with its index, status, message and problems. One bad instance does
/// not fail the others; a body that is not a batch at all, or one over the size limit, fails as a whole.
struct BatchCall {
    let function: BoundFunction
    /// The request body.
    let bytes: [UInt8]
    /// Where the `instances` array lies in `bytes`.
    let instances: Range<Int>
    let maximumSize: Int

    /// Reads a batch body's envelope; throws the 4xx that a body which is not a batch gets. The instances
    /// are read as they are called, in one pass.
    init(function: BoundFunction, body: ByteBuffer?, contentType: String, maximumSize: Int) throws(RequestError) {
        // `curl -d` labels JSON as a form; a batch is JSON whatever the label says, so only other media
        // types are refused.
        switch MediaType(contentType: contentType) {
        case .json, .urlencodedForm: break
        case .multipartForm, .other:
            throw RequestError(
                status: 415, message: "Unsupported Content-Type '\(contentType)' for a batch; send application/json.")
        }
        let bytes = RequestBinding.bytes(of: body)
        self.function = function
        self.bytes = bytes
        self.maximumSize = maximumSize
        guard bytes.contains(where: { !RequestBinding.isWhitespace($0) }) else {
            throw Self.notABatch(function, got: "an empty body")
        }
        // Checking the syntax finds where each member's value ends: the instances are not scanned twice.
        let memberEnds: [Int]
        do {
            memberEnds = try JSONSyntax.validateRecordingTopLevelValueEnds(bytes)
        } catch {
            throw .malformedJSON(error)
        }
        var reader = JSONReader(bytes: bytes, range: 0..<bytes.count)
        var instances: Range<Int>?
        do {
            try reader.beginObject(expected: "")
        } catch {
            throw Self.notABatch(function, got: error.problems.first?.got ?? "")
        }
        var member = 0
        while let key = reader.nextKey() {
            let range = reader.skipValue(endingAt: memberEnds[member])
            member += 1
            guard key == "instances", instances == nil else {
                throw RequestError(
                    status: 422,
                    message: "A batch body has one member, \"instances\"; got \(JSONValue.string(key).text)"
                        + (key == "instances" ? " twice." : "."),
                    problems: [
                        Problem(field: key, expected: "only \"instances\", once", got: JSONReader.quote(bytes[range]))
                    ]
                )
            }
            guard bytes[range.lowerBound] == UInt8(ascii: "[") else {
                throw Self.notABatch(function, got: "\"instances\": " + JSONReader.quote(bytes[range]))
            }
            instances = range
        }
        guard let instances else { throw Self.notABatch(function, got: "no \"instances\"") }
        self.instances = instances
    }

    /// Calls `body` with each instance's arguments, or `failed` with its index and the error that instance
    /// alone gets (its arguments' or what `body` threw), in order; throws 413 as soon as there are more
    /// than the limit. The instances are read into one `Arguments` in turn.
    private func forEachInstance(
        _ body: (inout Arguments) throws -> Void, failed: (Int, RequestError) -> Void
    ) throws(RequestError) {
        var reader = JSONReader(bytes: bytes, range: instances)
        try? reader.beginArray(expected: "")
        var arguments = Arguments(fields: [], names: function.parameterNames)
        var count = 0
        while reader.nextElement() {
            count += 1
            guard count <= maximumSize else {
                throw RequestError(
                    status: 413,
                    message: "The batch has more than \(maximumSize) instances, the most one request may carry; "
                        + "split it (the limit is set with --max-batch-size)."
                )
            }
            do {
                try RequestBinding.read(&arguments, from: &reader, function: function, subject: "Each instance")
                try body(&arguments)
            } catch {
                failed(count - 1, RequestBinding.requestError(for: error, function: function.qualifiedName))
            }
        }
    }

    private static func notABatch(_ function: BoundFunction, got: String) -> RequestError {
        RequestError(
            status: 422,
            message: "A batch of \(function.qualifiedName) calls is a JSON object {\"instances\": [...]} whose "
                + "items are what \(function.route.path) takes; got \(got).",
            problems: [Problem(field: "instances", expected: "array of calls", got: got)]
        )
    }

    /// Calls a synchronous function once per instance, writing each result straight into the answer.
    func run(_ call: RequestBinding.ImmediateCall) throws(RequestError) -> JSONOutput {
        try Self.output(capacity: bytes.count * 2) { writer throws(RequestError) in
            var failures: [(index: Int, error: RequestError)] = []
            try forEachInstance { arguments in
                try call((), &arguments, &writer)
            } failed: { index, error in
                writer.writeNull()
                failures.append((index, error))
            }
            return failures
        }
    }

    /// Binds every instance at once (argument errors are known before anything runs), then returns the
    /// work that calls an `async` function once per well-formed instance, one after another.
    func bind(_ bind: RequestBinding.DeferredCall) throws(RequestError)
        -> @Sendable () async -> JSONOutput
    {
        var bound: [Result<@Sendable () async throws -> JSONOutput, RequestError>] = []
        try forEachInstance { arguments in
            bound.append(.success(try bind((), &arguments)))
        } failed: { _, error in
            bound.append(.failure(error))
        }
        let name = function.qualifiedName
        return { [bound] in
            var results: [Result<JSONOutput, RequestError>] = []
            results.reserveCapacity(bound.count)
            for instance in bound {
                switch instance {
                case .success(let work):
                    do {
                        results.append(.success(try await work()))
                    } catch {
                        results.append(.failure(RequestBinding.requestError(for: error, function: name)))
                    }
                case .failure(let failure): results.append(.failure(failure))
                }
            }
            let resultBytes = results.reduce(0) { total, result in total + ((try? result.get())?.count ?? 4) + 1 }
            return Self.output(capacity: resultBytes + 32) { writer in
                var failures: [(index: Int, error: RequestError)] = []
                for (index, result) in results.enumerated() {
                    switch result {
                    case .success(let output): writer.write(output)
                    case .failure(let failure):
                        writer.writeNull()
                        failures.append((index, failure))
                    }
                }
                return failures
            }
        }
    }

    /// `{"predictions": […], "errors": […]}`: `writePredictions` writes the results (`null` for each
    /// failed instance) and returns the failures.
    private static func output<Failure: Error>(
        capacity: Int, _ writePredictions: (inout JSONWriter) throws(Failure) -> [(index: Int, error: RequestError)]
    ) throws(Failure) -> JSONOutput {
        var writer = JSONWriter(capacity: capacity)
        writer.beginObject()
        writer.writeKey("predictions")
        writer.beginArray()
        let failures = try writePredictions(&writer)
        writer.endArray()
        writer.writeKey("errors")
        writer.beginArray()
        for (index, failure) in failures {
            writer.beginObject()
            writer.writeKey("index")
            writer.write(index)
            writer.writeKey("status")
            writer.write(failure.status)
            failure.write(membersTo: &writer)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return JSONOutput(writer)
    }
}
