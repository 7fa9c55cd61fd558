import Serve

/// Tensors as JSON: nested arrays, as NumPy's `tolist()` writes them and as `POST /NAME/predict` takes them.
enum TensorJSON {
    /// The tensor a JSON value holds for `input`: nested arrays as deep as its rank (a bare number for
    /// rank 0), every row as long as its siblings, each element of the input's type. The problem names the
    /// input, with the expected and given shapes.
    static func tensor(_ json: JSONValue, for input: TensorDescription) throws(ArgumentError) -> Tensor {
        var shape: [Int] = []
        var level = json
        while case .array(let elements) = level {
            shape.append(elements.count)
            guard let first = elements.first else { break }
            level = first
        }
        var leaves: [JSONValue] = []
        leaves.reserveCapacity(Tensor.elementCount(shape) ?? 0)
        guard collect(json, depth: 0, shape: shape, into: &leaves) else {
            throw ArgumentError(
                field: input.name, expected: "nested arrays of equal length (\(expected(input)))", got: "ragged arrays")
        }
        if let declared = input.shape {
            let fits =
                declared.count == shape.count
                && zip(declared, shape).allSatisfy { dimension, given in dimension.size.map { $0 == given } ?? true }
            guard fits else {
                throw ArgumentError(field: input.name, expected: expected(input), got: "shape \(shape)")
            }
        }
        let type = input.elementType ?? .float
        guard let data = elements(leaves, as: type) else {
            throw ArgumentError(field: input.name, expected: expected(input), got: "elements that are not \(type)")
        }
        return Tensor(checked: shape, data)
    }

    /// How an input is described to a client: `a float tensor of shape [batch, 4]`.
    static func expected(_ input: TensorDescription) -> String {
        "a \(input.elementType.map(String.init(describing:)) ?? "float") tensor of shape \(input.shapeDescription)"
    }

    private static func collect(_ json: JSONValue, depth: Int, shape: [Int], into leaves: inout [JSONValue]) -> Bool {
        if depth == shape.count {
            if case .array = json { return false }
            leaves.append(json)
            return true
        }
        guard case .array(let elements) = json, elements.count == shape[depth] else { return false }
        for element in elements where !collect(element, depth: depth + 1, shape: shape, into: &leaves) {
            return false
        }
        return true
    }

    private static func elements(_ leaves: [JSONValue], as type: ElementType) -> TensorData? {
        func numbers() -> [Double]? {
            var values: [Double] = []
            values.reserveCapacity(leaves.count)
            for leaf in leaves {
                switch leaf {
                case .integer(let value): values.append(Double(value))
                case .number(let value): values.append(value)
                default: return nil
                }
            }
            return values
        }
        func integers() -> [Int]? {
            var values: [Int] = []
            values.reserveCapacity(leaves.count)
            for leaf in leaves {
                guard case .integer(let value) = leaf else { return nil }
                values.append(value)
            }
            return values
        }
        switch type {
        case .float: return numbers().map { .float($0.map { Float($0) }) }
        case .double: return numbers().map { .double($0) }
        case .int64: return integers().map { .int64($0.map { Int64($0) }) }
        case .int32: return integers().flatMap { exactly($0) }.map { .int32($0) }
        case .int16: return integers().flatMap { exactly($0) }.map { .int16($0) }
        case .int8: return integers().flatMap { exactly($0) }.map { .int8($0) }
        case .uint64: return integers().flatMap { exactly($0) }.map { .uint64($0) }
        case .uint32: return integers().flatMap { exactly($0) }.map { .uint32($0) }
        case .uint16: return integers().flatMap { exactly($0) }.map { .uint16($0) }
        case .uint8: return integers().flatMap { exactly($0) }.map { .uint8($0) }
        case .bool:
            var values: [Bool] = []
            for leaf in leaves {
                guard case .bool(let value) = leaf else { return nil }
                values.append(value)
            }
            return .bool(values)
        case .string:
            var values: [String] = []
            for leaf in leaves {
                guard case .string(let value) = leaf else { return nil }
                values.append(value)
            }
            return .string(values)
        case .float16, .bfloat16, .complex64, .complex128: return nil
        }
    }

    private static func exactly<Element: FixedWidthInteger>(_ values: [Int]) -> [Element]? {
        var result: [Element] = []
        result.reserveCapacity(values.count)
        for value in values {
            guard let exact = Element(exactly: value) else { return nil }
            result.append(exact)
        }
        return result
    }

    /// Writes a model's output: a tensor as nested arrays, a sequence as an array, a map as an object.
    static func write(_ value: Value, to writer: inout JSONWriter) {
        switch value {
        case .tensor(let tensor): write(tensor, to: &writer)
        case .sequence(let values):
            writer.beginArray()
            for value in values { write(value, to: &writer) }
            writer.endArray()
        case .map(let scores):
            writer.beginObject()
            for key in scores.keys.sorted(by: labelOrder) {
                writer.writeKey(key.description)
                writer.write(scores[key] ?? .nan)
            }
            writer.endObject()
        }
    }

    /// Integer labels in numeric order, string labels in lexical order.
    private static func labelOrder(_ a: MapKey, _ b: MapKey) -> Bool {
        if case .int(let x) = a, case .int(let y) = b { return x < y }
        return a.description < b.description
    }

    private static func write(_ tensor: Tensor, to writer: inout JSONWriter) {
        var index = 0
        func level(_ depth: Int, _ element: (Int, inout JSONWriter) -> Void) {
            if depth == tensor.rank {
                element(index, &writer)
                index += 1
                return
            }
            writer.beginArray()
            for _ in 0..<tensor.shape[depth] { level(depth + 1, element) }
            writer.endArray()
        }
        switch tensor.data {
        case .float(let v): level(0) { i, w in w.write(v[i]) }
        case .double(let v): level(0) { i, w in w.write(v[i]) }
        case .int64(let v): level(0) { i, w in w.write(v[i]) }
        case .int32(let v): level(0) { i, w in w.write(v[i]) }
        case .int16(let v): level(0) { i, w in w.write(v[i]) }
        case .int8(let v): level(0) { i, w in w.write(v[i]) }
        case .uint64(let v): level(0) { i, w in w.write(v[i]) }
        case .uint32(let v): level(0) { i, w in w.write(v[i]) }
        case .uint16(let v): level(0) { i, w in w.write(v[i]) }
        case .uint8(let v): level(0) { i, w in w.write(v[i]) }
        case .bool(let v): level(0) { i, w in w.write(v[i]) }
        case .string(let v): level(0) { i, w in w.write(v[i]) }
        }
    }
}
