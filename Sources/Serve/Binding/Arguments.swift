/// Named values matched to declared names: a call's arguments, or a struct's fields.
///
/// The runtime builds one per call from a JSON object, a JSON array (positional), a query string or a
/// form; the code that `@Endpoint` and `@Schema` generate then reads each value with its declared type.
/// Reads never throw: problems accumulate, so the client hears about all of them in one response.
///
/// Macro support: only generated code reads it.
@_documentation(visibility: internal)
public struct Arguments {
    enum Slot {
        case absent
        case json(Range<Int>)
        case text(String)
        case file(UploadedFile)
    }

    private let names: [String]
    /// Whether JSON writes every name without escapes, so that a key can be matched to one in place.
    private let namesArePlain: Bool
    private var slots: [Slot]
    private var bytes: [UInt8]
    /// Missing and mistyped values, in declaration order.
    private var valueProblems: [Problem] = []
    /// Unknown, surplus and repeated values, in request order.
    private var placementProblems: [Problem] = []
    /// The gravest reason among the problems (a file that cannot be decoded outranks a mistyped number).
    private var reason = ArgumentError.Reason.invalid

    /// Everything wrong so far: the declared values' problems first, then what was not expected.
    public var problems: [Problem] { valueProblems + placementProblems }

    private init(names: DeclaredNames, bytes: [UInt8]) {
        self.names = names.all
        self.namesArePlain = names.arePlain
        self.slots = Array(repeating: .absent, count: names.all.count)
        self.bytes = bytes
    }

    /// Matches the members of the JSON object at the reader to `names`.
    /// - Parameter expected: How to name the object if the value is not one.
    public init(object reader: inout JSONReader, names: [String], expected: @autoclosure () -> String)
        throws(ArgumentError)
    {
        self.init(names: DeclaredNames(names), bytes: reader.bytes)
        try readObject(&reader, expected: expected())
    }

    /// Matches the JSON object (by name) or array (by position) at the reader to `names`.
    package init(json reader: inout JSONReader, names: DeclaredNames) throws(ArgumentError) {
        self.init(names: names, bytes: reader.bytes)
        try readJSON(&reader)
    }

    /// Replaces these arguments with the JSON object or array at the reader, keeping the storage: a batch
    /// reads all its instances into one value.
    package mutating func reread(json reader: inout JSONReader) throws(ArgumentError) {
        for index in slots.indices { slots[index] = .absent }
        valueProblems.removeAll()
        placementProblems.removeAll()
        reason = .invalid
        bytes = reader.bytes
        try readJSON(&reader)
    }

    private mutating func readJSON(_ reader: inout JSONReader) throws(ArgumentError) {
        reader.skipWhitespace()
        if reader.bytes[reader.index] == UInt8(ascii: "[") {
            try readArray(&reader)
        } else {
            try readObject(&reader, expected: "")
        }
    }

    private mutating func readObject(_ reader: inout JSONReader, expected: @autoclosure () -> String)
        throws(ArgumentError)
    {
        try reader.beginObject(expected: expected())
        var position = 0
        while reader.nextMember() {
            // Keys are nearly always the declared names in their declared order, unescaped: try the name at
            // this position first, in place; make no string.
            if namesArePlain, position < names.count, reader.nextKey(is: names[position]) {
                bind(.json(reader.skipValue()), at: position)
            } else {
                let key = reader.nextRawKey()
                let range = reader.skipValue()
                if !key.isEscaped, let index = names.firstIndex(where: { reader.raw(key.bytes, is: $0) }) {
                    bind(.json(range), at: index)
                } else {
                    place(.json(range), named: reader.string(at: key.bytes), got: JSONReader.quote(reader.bytes[range]))
                }
            }
            position += 1
        }
    }

    private mutating func readArray(_ reader: inout JSONReader) throws(ArgumentError) {
        try reader.beginArray(expected: "array")
        var position = 0
        while reader.nextElement() {
            let range = reader.skipValue()
            if position < slots.count {
                slots[position] = .json(range)
            } else {
                let expected = names.isEmpty ? "no arguments" : "at most \(names.count) arguments"
                placementProblems.append(
                    Problem(field: "[\(position)]", expected: expected, got: JSONReader.quote(bytes[range])))
            }
            position += 1
        }
    }

    /// Matches text fields (a query string or a form) to `names`.
    package init(fields: [(name: String, value: String)], names: DeclaredNames) {
        self.init(names: names, bytes: [])
        for field in fields {
            place(.text(field.value), named: field.name, got: JSONValue.string(field.value).text)
        }
    }

    /// Matches a multipart form's text fields and files to `names`.
    package init(
        fields: [(name: String, value: String)], files: [(name: String, file: UploadedFile)], names: DeclaredNames
    ) {
        self.init(fields: fields, names: names)
        for (name, file) in files { place(.file(file), named: name, got: file.summary) }
    }

    /// A whole request body as the file argument at `index`.
    package init(file: UploadedFile, at index: Int, names: DeclaredNames) {
        self.init(names: names, bytes: [])
        slots[index] = .file(file)
    }

    private mutating func place(_ slot: Slot, named name: String, got: @autoclosure () -> String) {
        guard let index = names.firstIndex(of: name) else {
            let expected = names.isEmpty ? "no arguments" : "one of " + names.joined(separator: ", ")
            placementProblems.append(Problem(field: name, expected: expected, got: got()))
            return
        }
        bind(slot, at: index)
    }

    /// Fills the slot at `index`, or records a repeat if a value is already there.
    private mutating func bind(_ slot: Slot, at index: Int) {
        guard case .absent = slots[index] else {
            placementProblems.append(Problem(field: names[index], expected: "a single value", got: "it more than once"))
            return
        }
        slots[index] = slot
    }

    /// Reads the required value at `index`; nil (with the problem recorded) if it is missing or mistyped.
    public mutating func value<T: WireCodable>(_ type: T.Type, at index: Int) -> T? {
        read(type, at: index)
    }

    /// Reads the value at `index`, or `defaultValue` if the request left it out.
    public mutating func value<T: WireCodable>(
        _ type: T.Type, at index: Int, default defaultValue: @autoclosure () -> T
    ) -> T? {
        if case .absent = slots[index] { return defaultValue() }
        return read(type, at: index)
    }

    private mutating func read<T: WireCodable>(_ type: T.Type, at index: Int) -> T? {
        do {
            switch slots[index] {
            case .absent:
                valueProblems.append(Problem(field: names[index], expected: T.jsonSchema.displayName, got: "nothing"))
                return nil
            case .json(let range):
                var reader = JSONReader(bytes: bytes, range: range)
                return try T(json: &reader)
            case .text(let text):
                return try T(field: text)
            case .file(let file):
                return try T(upload: file)
            }
        } catch {
            valueProblems += error.problems.map { $0.nested(in: names[index]) }
            reason = max(reason, error.reason)
            return nil
        }
    }

    /// Whether every value so far was present and well-typed and nothing unexpected was sent.
    public var isValid: Bool { valueProblems.isEmpty && placementProblems.isEmpty }

    /// The error to throw when ``isValid`` is false.
    public var failure: ArgumentError { ArgumentError(problems: problems, reason: reason) }
}
