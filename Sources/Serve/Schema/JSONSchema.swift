/// The shape of a value a function takes or returns, as JSON Schema (2020-12, OpenAPI 3.1's dialect).
///
/// Built once at start-up from the Swift types; it feeds the manifest, the OpenAPI document, the docs
/// page and the `expected` text of error messages.
public indirect enum JSONSchema: Sendable {
    /// Only `null`: the result of a function that returns nothing.
    case null
    case boolean
    /// An integer; `format` is OpenAPI's (`int32`, `int64`).
    case integer(format: String?)
    /// A number; `format` is OpenAPI's (`float`, `double`).
    case number(format: String?)
    case string
    case array(of: JSONSchema)
    /// An object with string keys and values of one type (a Swift dictionary).
    case map(of: JSONSchema)
    /// The value, or `null`.
    case optional(JSONSchema)
    /// One of a fixed list of values (a Swift enum with raw values).
    case enumeration(name: String, description: String?, values: [JSONValue])
    /// A record with named fields (a Swift struct).
    case object(name: String, description: String?, properties: [Property])
    /// A number or string with limits on its values, for a type that checks them when it is read.
    case constrained(JSONSchema, Constraints)
    /// A file: uploaded as a multipart part or a whole body, or sent in JSON as base64 (its `pattern` says
    /// exactly what text is read). `mediaTypes` lists those accepted (`image/png`); empty accepts any.
    case binary(mediaTypes: [String])
    /// Any JSON value (the empty schema, `{}`): a free-form ``JSONValue`` parameter or result.
    case any

    /// Limits on a value beyond its type, as JSON Schema keywords. A type declaring them must refuse what
    /// breaks them (with a 422), so the OpenAPI document and the server agree.
    public struct Constraints: Sendable {
        /// `exclusiveMinimum`: values must be greater.
        public var greaterThan: Double?
        /// `minimum`.
        public var atLeast: Double?
        /// `maximum`.
        public var atMost: Double?
        /// `minLength`, in Unicode code points.
        public var minimumLength: Int?
        /// `maxLength`, in Unicode code points.
        public var maximumLength: Int?
        /// `pattern`: an ECMA-262 regular expression some part of the text must match.
        public var pattern: String?
        /// A valid value for examples, when the base type's (`1.5`, `"text"`) would break the limits.
        public var example: JSONValue?

        /// Limits; nil leaves a keyword out.
        public init(
            greaterThan: Double? = nil, atLeast: Double? = nil, atMost: Double? = nil, minimumLength: Int? = nil,
            maximumLength: Int? = nil, pattern: String? = nil, example: JSONValue? = nil
        ) {
            self.greaterThan = greaterThan
            self.atLeast = atLeast
            self.atMost = atMost
            self.minimumLength = minimumLength
            self.maximumLength = maximumLength
            self.pattern = pattern
            self.example = example
        }

        var keywords: [(key: String, value: JSONValue)] {
            [
                ("exclusiveMinimum", greaterThan.map(JSONValue.number)),
                ("minimum", atLeast.map(JSONValue.number)),
                ("maximum", atMost.map(JSONValue.number)),
                ("minLength", minimumLength.map(JSONValue.integer)),
                ("maxLength", maximumLength.map(JSONValue.integer)),
                ("pattern", pattern.map(JSONValue.string)),
            ].compactMap { key, value in value.map { (key: key, value: $0) } }
        }
    }

    /// A field of an object schema.
    public struct Property: Sendable {
        /// The JSON key.
        public var name: String
        /// The field's schema.
        public var schema: JSONSchema
        /// Whether the field must be present.
        public var isRequired: Bool
        /// The field's doc comment.
        public var description: String?

        /// Describes the field `name` of type `type`; it is required unless `type` is optional or a default exists.
        public init<T: WireCodable>(
            _ name: String, _ type: T.Type, hasDefault: Bool = false, description: String? = nil
        ) {
            self.name = name
            self.schema = T.jsonSchema
            self.isRequired = !hasDefault && !schema.isOptional
            self.description = description
        }

        /// A field described by its schema alone, for a type known only at run time (a model's outputs).
        public init(_ name: String, schema: JSONSchema, isRequired: Bool = true, description: String? = nil) {
            self.name = name
            self.schema = schema
            self.isRequired = isRequired
            self.description = description
        }
    }

    /// Whether `null` is accepted (and an absent argument means nil).
    public var isOptional: Bool {
        if case .optional = self { return true }
        return false
    }

    /// A short human name: `integer`, `array of number`, `Prediction`, `string or null`.
    public var displayName: String {
        switch self {
        case .null: "null"
        case .boolean: "boolean"
        case .integer: "integer"
        case .number: "number"
        case .string: "string"
        case .array(let element): "array of \(element.displayName)"
        case .map(let value): "object of \(value.displayName)"
        case .optional(let wrapped): "\(wrapped.displayName) or null"
        case .enumeration(_, _, let values): "one of " + values.map(\.text).joined(separator: ", ")
        case .object(let name, _, _): "\(name) object"
        case .constrained(let base, _): base.displayName
        case .binary(let types): types.isEmpty ? "file" : "file (\(types.joined(separator: " or ")))"
        case .any: "any JSON value"
        }
    }

    /// Whether a query string or form field can carry this value as plain text.
    public var isScalar: Bool {
        switch self {
        case .null, .boolean, .integer, .number, .string, .enumeration: true
        case .optional(let wrapped): wrapped.isScalar
        case .array, .map, .object, .binary, .any: false
        case .constrained(let base, _): base.isScalar
        }
    }

    /// The JSON Schema document.
    public var jsonValue: JSONValue {
        switch self {
        case .null: ["type": "null"]
        case .boolean: ["type": "boolean"]
        case .integer(let format): .object(dropping: ["type": "integer", "format": format.map(JSONValue.string)])
        case .number(let format): .object(dropping: ["type": "number", "format": format.map(JSONValue.string)])
        case .string: ["type": "string"]
        case .array(let element): ["type": "array", "items": element.jsonValue]
        case .map(let value): ["type": "object", "additionalProperties": value.jsonValue]
        case .optional(let wrapped): ["anyOf": [wrapped.jsonValue, ["type": "null"]]]
        case .enumeration(let name, let description, let values):
            .object(dropping: [
                "title": .string(name), "description": description.map(JSONValue.string),
                "enum": .array(values),
            ])
        case .object(let name, let description, let properties):
            .object(dropping: [
                "title": .string(name),
                "description": description.map(JSONValue.string),
                "type": "object",
                "properties": .object(properties.map { (key: $0.name, value: $0.schemaValue) }),
                "required": .array(properties.filter(\.isRequired).map { .string($0.name) }),
                "additionalProperties": false,
            ])
        case .constrained(let base, let constraints): Self.adding(constraints.keywords, to: base.jsonValue)
        case .binary:
            .object(dropping: [
                "type": "string", "contentEncoding": "base64",
                "contentMediaType": contentMediaType.map(JSONValue.string),
                "pattern": .string(UploadedFile.fieldPattern),
            ])
        case .any: .object([])
        }
    }

    /// Whether this is a file, or an optional file.
    public var isBinary: Bool {
        switch self {
        case .binary: true
        case .optional(let wrapped): wrapped.isBinary
        default: false
        }
    }

    /// The media types a file accepts (empty for any), or nil when this is not a file.
    public var acceptedMediaTypes: [String]? {
        switch self {
        case .binary(let types): types
        case .optional(let wrapped): wrapped.acceptedMediaTypes
        default: nil
        }
    }

    /// OpenAPI's `contentMediaType` of a file: its one media type, `image/*` for several images, nil for any.
    public var contentMediaType: String? {
        guard let types = acceptedMediaTypes, !types.isEmpty else { return nil }
        if types.count == 1 { return types[0] }
        return types.allSatisfy { $0.hasPrefix("image/") } ? "image/*" : nil
    }

    private static func adding(_ keywords: [(key: String, value: JSONValue)], to schema: JSONValue) -> JSONValue {
        guard case .object(let members) = schema else { return schema }
        return .object(members + keywords)
    }

    /// A plausible value, for examples in the OpenAPI document and the docs page.
    public var example: JSONValue {
        switch self {
        case .null: .null
        case .boolean: true
        case .integer: 1
        case .number: .number(1.5)
        case .string: "text"
        case .array(let element): [element.example]
        case .map(let value): ["key": value.example]
        case .optional(let wrapped): wrapped.example
        case .enumeration(_, _, let values): values.first ?? .null
        case .object(_, _, let properties): .object(properties.map { (key: $0.name, value: $0.schema.example) })
        case .constrained(let base, let constraints):
            constraints.example ?? base.example
        case .binary: .string(Self.examplePNG)
        case .any: ["key": "value"]
        }
    }
}

extension JSONSchema.Property {
    /// The property's schema with its description attached.
    package var schemaValue: JSONValue {
        guard let description, case .object(var members) = schema.jsonValue else { return schema.jsonValue }
        members.removeAll { $0.key == "description" }
        members.insert((key: "description", value: .string(description)), at: 0)
        return .object(members)
    }
}

extension JSONSchema {
    /// The schema of an enum with raw values, listing `cases` in order; used by `@Schema`.
    public static func enumeration<T: RawRepresentable>(
        of cases: [T],
        name: String,
        description: String?
    ) -> JSONSchema where T.RawValue: WireCodable {
        .enumeration(name: name, description: description, values: cases.map { .encoded(JSONOutput($0.rawValue).text) })
    }
}

extension JSONSchema {
    /// A 1 × 1 black PNG as base64: an example file that every image reader accepts.
    static let examplePNG =
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=="
}
