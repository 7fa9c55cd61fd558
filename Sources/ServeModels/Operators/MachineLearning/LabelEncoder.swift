/// LabelEncoder (ai.onnx.ml 1 to 4): maps each element to the value at the position of its key, or to the default.
///
/// Opset 1 maps strings to their index in `classes_strings` (or `default_int64`) and integers back
/// (or `default_string`). Later opsets map `keys_*` to `values_*` (or `keys_tensor` to `values_tensor`), with
/// `default_*` (or `default_tensor`) for elements that are no key. From opset 4 a NaN key matches a NaN element and
/// a repeated key takes its last value, as the spec says; before, neither is specified and, as in onnxruntime, NaN
/// matches nothing and the first value counts.
struct LabelEncoderOperator: Operator {
    /// The keys by element type, each mapped to its position in `values`.
    enum Keys: Sendable {
        case strings([String: Int])
        case int64s([Int64: Int])
        case floats([Float: Int], nan: Int?)
        case doubles([Double: Int], nan: Int?)
        case int32s([Int32: Int])
        case int16s([Int16: Int])
    }

    let keys: Keys
    /// The values followed by the default, so an element that is no key maps to the last position.
    let values: TensorData
    let defaultPosition: Int
    /// Opset 1's `default_int64`, for strings mapped to the indices of `classes_strings`.
    let opset1Default: Int64?

    init(_ spec: NodeSpec) throws(OperatorError) {
        if spec.opset <= 1 {
            let classes = try spec.attributes.strings("classes_strings") ?? []
            keys = .strings(LabelEncoderOperator.positions(classes))
            values = .string(classes + [try spec.attributes.string("default_string", default: "_Unused")])
            defaultPosition = classes.count
            opset1Default = Int64(try spec.attributes.int("default_int64", default: -1))
            return
        }
        opset1Default = nil
        let a = spec.attributes
        var keyLists: [(String, TensorData)] = []
        if let keys = try a.strings("keys_strings") { keyLists.append(("keys_strings", .string(keys))) }
        if let keys = try a.ints("keys_int64s") { keyLists.append(("keys_int64s", .int64(keys.map { Int64($0) }))) }
        if let keys = try a.floats("keys_floats") { keyLists.append(("keys_floats", .float(keys))) }
        if let keys = try a.tensor("keys_tensor") { keyLists.append(("keys_tensor", keys.data)) }
        var valueLists: [(String, TensorData)] = []
        if let values = try a.strings("values_strings") { valueLists.append(("values_strings", .string(values))) }
        if let values = try a.ints("values_int64s") {
            valueLists.append(("values_int64s", .int64(values.map { Int64($0) })))
        }
        if let values = try a.floats("values_floats") { valueLists.append(("values_floats", .float(values))) }
        if let values = try a.tensor("values_tensor") { valueLists.append(("values_tensor", values.data)) }
        guard keyLists.count == 1, valueLists.count == 1, let (_, keyData) = keyLists.first,
            let (_, valueData) = valueLists.first
        else {
            throw OperatorError("LabelEncoder needs exactly one keys_* and one values_* attribute")
        }
        guard keyData.count == valueData.count else {
            throw OperatorError("LabelEncoder has \(keyData.count) keys but \(valueData.count) values")
        }
        let fallback = try LabelEncoderOperator.defaultValue(spec, for: valueData.elementType)
        guard let values = valueData.appending(fallback) else {
            throw OperatorError("LabelEncoder's default_tensor is not of its values' type \(valueData.elementType)")
        }
        self.values = values
        defaultPosition = valueData.count
        let last = spec.opset >= 4
        switch keyData {
        case .string(let keys): self.keys = .strings(LabelEncoderOperator.positions(keys, last: last))
        case .int64(let keys): self.keys = .int64s(LabelEncoderOperator.positions(keys, last: last))
        case .int32(let keys): self.keys = .int32s(LabelEncoderOperator.positions(keys, last: last))
        case .int16(let keys): self.keys = .int16s(LabelEncoderOperator.positions(keys, last: last))
        case .float(let keys):
            let nan = last ? keys.lastIndex(where: { $0.isNaN }) : nil
            self.keys = .floats(LabelEncoderOperator.positions(keys, last: last), nan: nan)
        case .double(let keys):
            let nan = last ? keys.lastIndex(where: { $0.isNaN }) : nil
            self.keys = .doubles(LabelEncoderOperator.positions(keys, last: last), nan: nan)
        default: throw OperatorError("LabelEncoder does not take keys of type \(keyData.elementType)")
        }
        switch valueData.elementType {
        case .string, .int64, .float, .int32, .int16, .double: break
        default: throw OperatorError("LabelEncoder does not take values of type \(valueData.elementType)")
        }
    }

    /// The default for values of `type`: `default_tensor` when set, else `default_string` ("_Unused"),
    /// `default_int64` (-1) or `default_float` (-0.0).
    private static func defaultValue(_ spec: NodeSpec, for type: ElementType) throws(OperatorError) -> TensorData {
        if let tensor = try spec.attributes.tensor("default_tensor") {
            guard tensor.count == 1 else { throw OperatorError("LabelEncoder's default_tensor must hold one value") }
            return tensor.data
        }
        let a = spec.attributes
        switch type {
        case .string: return .string([try a.string("default_string", default: "_Unused")])
        case .int64: return .int64([Int64(try a.int("default_int64", default: -1))])
        case .int32: return .int32([Int32(truncatingIfNeeded: try a.int("default_int64", default: -1))])
        case .int16: return .int16([Int16(truncatingIfNeeded: try a.int("default_int64", default: -1))])
        case .float: return .float([try a.float("default_float", default: -0.0)])
        case .double: return .double([Double(try a.float("default_float", default: -0.0))])
        default: throw OperatorError("LabelEncoder does not take values of type \(type)")
        }
    }

    /// Each key's position; a repeated key keeps its last position, or its first when `last` is false.
    private static func positions<K: Hashable>(_ keys: [K], last: Bool = true) -> [K: Int] {
        var table: [K: Int] = [:]
        table.reserveCapacity(keys.count)
        for (position, key) in keys.enumerated() where last || table[key] == nil { table[key] = position }
        return table
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try inputs.tensor(0)
        if let opset1Default, case .strings(let table) = keys {
            return [.tensor(try runOpset1(x, table, opset1Default))]
        }
        let positions: [Int]
        switch (keys, x.data) {
        case (.strings(let table), .string(let input)): positions = input.map { table[$0] ?? defaultPosition }
        case (.int64s(let table), .int64(let input)): positions = input.map { table[$0] ?? defaultPosition }
        case (.int32s(let table), .int32(let input)): positions = input.map { table[$0] ?? defaultPosition }
        case (.int16s(let table), .int16(let input)): positions = input.map { table[$0] ?? defaultPosition }
        case (.floats(let table, let nan), .float(let input)):
            positions = input.map { $0.isNaN ? (nan ?? defaultPosition) : (table[$0] ?? defaultPosition) }
        case (.doubles(let table, let nan), .double(let input)):
            positions = input.map { $0.isNaN ? (nan ?? defaultPosition) : (table[$0] ?? defaultPosition) }
        default:
            throw OperatorError("input 0 is a \(x.elementType) tensor, which is not the type of LabelEncoder's keys")
        }
        return [.tensor(Tensor(checked: x.shape, values.picking(positions)))]
    }

    private func runOpset1(_ x: Tensor, _ table: [String: Int], _ defaultInt: Int64) throws(OperatorError) -> Tensor {
        switch x.data {
        case .string(let input):
            return Tensor(checked: x.shape, .int64(input.map { table[$0].map { Int64($0) } ?? defaultInt }))
        case .int64(let input):
            let positions = input.map { $0 >= 0 && $0 < Int64(defaultPosition) ? Int($0) : defaultPosition }
            return Tensor(checked: x.shape, values.picking(positions))
        default:
            throw OperatorError("input 0 is a \(x.elementType) tensor; LabelEncoder 1 takes strings or int64")
        }
    }
}

/// CategoryMapper (ai.onnx.ml 1): strings to integers (`default_int64` when unknown) or integers to strings
/// (`default_string`), by the pairs `cats_strings[i]` ↔ `cats_int64s[i]`; the input's type picks the direction.
struct CategoryMapperOperator: Operator {
    let stringToInt: [String: Int64]
    let intToString: [Int64: String]
    let defaultInt: Int64
    let defaultString: String

    init(_ spec: NodeSpec) throws(OperatorError) {
        let strings = try spec.attributes.strings("cats_strings") ?? []
        let ints = try spec.attributes.ints("cats_int64s") ?? []
        guard strings.count == ints.count else {
            throw OperatorError("CategoryMapper has \(strings.count) cats_strings but \(ints.count) cats_int64s")
        }
        var stringToInt: [String: Int64] = [:]
        var intToString: [Int64: String] = [:]
        for (string, int) in zip(strings, ints) {
            stringToInt[string] = Int64(int)
            intToString[Int64(int)] = string
        }
        self.stringToInt = stringToInt
        self.intToString = intToString
        defaultInt = Int64(try spec.attributes.int("default_int64", default: -1))
        defaultString = try spec.attributes.string("default_string", default: "_Unused")
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try inputs.tensor(0)
        switch x.data {
        case .string(let input):
            return [.tensor(Tensor(checked: x.shape, .int64(input.map { stringToInt[$0] ?? defaultInt })))]
        case .int64(let input):
            return [.tensor(Tensor(checked: x.shape, .string(input.map { intToString[$0] ?? defaultString })))]
        default:
            throw OperatorError("input 0 is a \(x.elementType) tensor; CategoryMapper takes strings or int64")
        }
    }
}
