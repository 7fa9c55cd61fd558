internal import NIOCore
internal import Serve

/// Turns a request into a function's ``Arguments`` (by its media type: JSON, a form, a query string), and
/// what a call threw into the error the client gets.
enum RequestBinding {
    /// A synchronous function's call: runs at once and writes its result.
    typealias ImmediateCall = @Sendable ((), inout Arguments, inout JSONWriter) throws -> Void
    /// An `async` function's call: binds its arguments at once and returns the work to run.
    typealias DeferredCall = @Sendable ((), inout Arguments) throws -> @Sendable () async throws -> JSONOutput

    /// The arguments of a `POST`: a JSON object or array, a urlencoded form or a multipart form. An empty
    /// body is a call without arguments.
    static func arguments(for function: BoundFunction, body: ByteBuffer?, contentType: String)
        throws(RequestError) -> Arguments
    {
        let bytes = bytes(of: body)
        guard let firstByte = bytes.first(where: { !isWhitespace($0) }) else {
            return Arguments(fields: [], names: function.parameterNames)
        }
        switch MediaType(contentType: contentType) {
        case .json:
            return try jsonArguments(bytes, function: function)
        case .urlencodedForm:
            // `curl -d '{"a": 1}'` labels JSON as a form; a form field name never starts with { or [.
            if firstByte == UInt8(ascii: "{") || firstByte == UInt8(ascii: "[") {
                return try jsonArguments(bytes, function: function)
            }
            // `curl --data-binary @photo.png` labels the file as a form too: its first bytes tell.
            if let index = function.bodyFileParameter, UploadedFile.recognisedMediaType(of: bytes) != nil {
                return Arguments(file: UploadedFile(bytes: bytes), at: index, names: function.parameterNames)
            }
            return Arguments(fields: try FormFields.urlencoded(bytes), names: function.parameterNames)
        case .multipartForm:
            let form = try FormFields.multipart(bytes, contentType: contentType)
            return Arguments(fields: form.fields, files: form.files, names: function.parameterNames)
        case .other(let type):
            return try bodyFile(bytes, mediaType: type, function: function)
        }
    }

    /// A whole body (`Content-Type: image/png`) as the function's one file parameter.
    private static func bodyFile(_ bytes: [UInt8], mediaType: String, function: BoundFunction)
        throws(RequestError) -> Arguments
    {
        var accepted = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"]
        guard let index = function.bodyFileParameter else {
            throw RequestError(
                status: 415, message: "Unsupported Content-Type '\(mediaType)'; send \(list(accepted)).")
        }
        let fileTypes = function.description.parameters[index].schema.acceptedMediaTypes ?? []
        let file = UploadedFile(bytes: bytes, mediaType: mediaType)
        guard fileTypes.isEmpty || fileTypes.contains(file.mediaType) else {
            accepted = fileTypes + ["application/octet-stream"] + accepted
            throw RequestError(
                status: 415,
                message:
                    "Unsupported file type '\(file.mediaType)' for \(function.qualifiedName); send \(list(accepted)).")
        }
        return Arguments(file: file, at: index, names: function.parameterNames)
    }

    /// `a, b or c`.
    private static func list(_ items: [String]) -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " or " + items.last!
    }

    /// The arguments of a `GET`, from the query string (the part of the URI after `?`).
    static func arguments(for function: BoundFunction, query: Substring.UTF8View) throws(RequestError) -> Arguments {
        Arguments(fields: try FormFields.urlencoded(query), names: function.parameterNames)
    }

    /// Matches the JSON value at the reader (already validated) to `function`'s parameters: an object by
    /// name, an array by position. The reader ends after the value. `subject` names the value in errors.
    static func arguments(from reader: inout JSONReader, function: BoundFunction, subject: String = "The body")
        throws(RequestError) -> Arguments
    {
        do {
            return try Arguments(json: &reader, names: function.parameterNames)
        } catch {
            throw notArguments(error, function: function, subject: subject)
        }
    }

    /// Reads the JSON object or array at the reader into `arguments`, reusing their storage (a batch's
    /// instances, one after another).
    static func read(
        _ arguments: inout Arguments, from reader: inout JSONReader, function: BoundFunction, subject: String
    ) throws(RequestError) {
        do {
            try arguments.reread(json: &reader)
        } catch {
            throw notArguments(error, function: function, subject: subject)
        }
    }

    private static func notArguments(_ error: ArgumentError, function: BoundFunction, subject: String)
        -> RequestError
    {
        RequestError(
            status: 422,
            message: "\(subject) must be a JSON object of named arguments or an array of positional arguments "
                + "for \(function.qualifiedName); got \(error.problems.first?.got ?? "something else").",
            problems: [Problem(field: "", expected: "object or array", got: error.problems.first?.got ?? "")]
        )
    }

    /// The response for what a call of `function` threw: a refusal as it is, argument problems as 422,
    /// anything else as 500 naming the function.
    static func requestError(for error: any Error, function: String) -> RequestError {
        switch error {
        case let error as RequestError: error
        case let error as ArgumentError: .invalidArguments(error.problems, function: function, reason: error.reason)
        case let error as BatchQueueFull: RequestError(status: 503, message: error.description)
        default: RequestError(status: 500, message: "\(function) failed: \(error)")
        }
    }

    /// The body's bytes (none when there is no body), for the JSON reader.
    static func bytes(of body: ByteBuffer?) -> [UInt8] {
        body.map { Array($0.readableBytesView) } ?? []
    }

    /// Whether `byte` is JSON whitespace.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func jsonArguments(_ bytes: [UInt8], function: BoundFunction) throws(RequestError) -> Arguments {
        do {
            try JSONSyntax.validate(bytes)
        } catch {
            throw .malformedJSON(error)
        }
        var reader = JSONReader(bytes: bytes, range: 0..<bytes.count)
        return try arguments(from: &reader, function: function)
    }
}
