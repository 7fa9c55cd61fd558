/// ArrayFeatureExtractor (ai.onnx.ml 1): the elements at the given indices of the last axis (a vector input gives
/// `[1, indices]`, as in onnxruntime).
struct ArrayFeatureExtractorOperator: Operator {
    init(_ spec: NodeSpec) throws(OperatorError) {}

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try inputs.tensor(0)
        let indicesTensor = try inputs.tensor(1)
        guard let indices = indicesTensor.values(as: Int64.self) else {
            throw .unsupportedType(indicesTensor.elementType, input: 1)
        }
        guard let last = x.shape.last else {
            throw OperatorError("input 0 is a scalar; ArrayFeatureExtractor needs rank 1 or more")
        }
        guard !indices.isEmpty else { throw OperatorError("input 1 holds no indices") }
        for (position, index) in indices.enumerated() where index < 0 || index >= last {
            throw OperatorError("index \(index) at \(position) of input 1 is outside the last axis of size \(last)")
        }
        let outer = x.count / max(last, 1)
        var picks: [Int] = []
        picks.reserveCapacity(outer * indices.count)
        for row in 0..<(last == 0 ? 0 : outer) {
            for index in indices { picks.append(row * last + Int(index)) }
        }
        let shape = x.rank == 1 ? [1, indices.count] : Array(x.shape.dropLast()) + [indices.count]
        return [.tensor(Tensor(checked: shape, x.data.picking(picks)))]
    }
}

/// FeatureVectorizer (ai.onnx.ml 1): the inputs' rows side by side as floats, each input taking the width
/// `inputdimensions` gives it (cut when wider, zero-padded when narrower).
struct FeatureVectorizerOperator: Operator {
    let dimensions: [Int]

    init(_ spec: NodeSpec) throws(OperatorError) {
        dimensions = try spec.attributes.ints("inputdimensions") ?? []
        guard dimensions.allSatisfy({ $0 >= 0 }) else {
            throw OperatorError("FeatureVectorizer's inputdimensions has a negative size")
        }
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        guard inputs.count == dimensions.count, !inputs.isEmpty else {
            throw OperatorError("FeatureVectorizer has \(inputs.count) inputs but \(dimensions.count) inputdimensions")
        }
        let first = try inputs.tensor(0)
        let rows = first.rank <= 1 ? 1 : first.shape[0]
        let total = dimensions.reduce(0, +)
        guard let count = Tensor.elementCount([rows, total]) else {
            throw OperatorError("FeatureVectorizer's output [\(rows), \(total)] is too large")
        }
        var output = [Float](repeating: 0, count: count)
        var offset = 0
        for (index, width) in dimensions.enumerated() {
            let tensor = try inputs.tensor(index)
            guard tensor.rank > 0 else { throw OperatorError("input \(index) is a scalar; it needs rank 1 or more") }
            let values = try MLFeatureMatrix.floats(tensor.data, input: index)
            let inputRows = tensor.rank == 1 ? 1 : tensor.shape[0]
            guard inputRows == rows else {
                throw OperatorError("input \(index) has \(inputRows) rows; input 0 has \(rows)")
            }
            let size = tensor.rank == 1 ? tensor.shape[0] : tensor.count / max(rows, 1)
            let copied = min(size, width)
            for row in 0..<rows {
                for k in 0..<copied { output[row * total + offset + k] = values[row * size + k] }
            }
            offset += width
        }
        return [.tensor(Tensor(checked: [rows, total], .float(output)))]
    }
}

/// OneHotEncoder (ai.onnx.ml 1): each element becomes a row of `[categories]` floats, 1 at its category's
/// position; an unknown element gives zeros (`zeros` = 1, the default) or an error. Numbers are truncated to
/// integers and looked up in `cats_int64s`.
struct OneHotEncoderOperator: Operator {
    let intCategories: [Int64: Int]
    let stringCategories: [String: Int]
    let count: Int
    let zeros: Bool

    init(_ spec: NodeSpec) throws(OperatorError) {
        let ints = try spec.attributes.ints("cats_int64s") ?? []
        let strings = try spec.attributes.strings("cats_strings") ?? []
        guard ints.isEmpty != strings.isEmpty else {
            throw OperatorError("OneHotEncoder needs exactly one of 'cats_int64s' and 'cats_strings'")
        }
        var intCategories: [Int64: Int] = [:]
        for (position, category) in ints.enumerated() { intCategories[Int64(category)] = position }
        var stringCategories: [String: Int] = [:]
        for (position, category) in strings.enumerated() { stringCategories[category] = position }
        self.intCategories = intCategories
        self.stringCategories = stringCategories
        count = max(ints.count, strings.count)
        zeros = try spec.attributes.int("zeros", default: 1) != 0
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try inputs.tensor(0)
        let positions: [Int?]
        switch x.data {
        case .string(let values): positions = values.map { stringCategories[$0] }
        case .int64(let values): positions = values.map { intCategories[$0] }
        case .int32(let values): positions = values.map { intCategories[Int64($0)] }
        case .float(let values):
            positions = values.map { Int64(exactly: $0.rounded(.towardZero)).flatMap { intCategories[$0] } }
        case .double(let values):
            positions = values.map { Int64(exactly: $0.rounded(.towardZero)).flatMap { intCategories[$0] } }
        default: throw .unsupportedType(x.elementType)
        }
        guard let total = Tensor.elementCount(x.shape + [count]) else {
            throw OperatorError("OneHotEncoder's output \(x.shape + [count]) is too large")
        }
        var output = [Float](repeating: 0, count: total)
        for (index, position) in positions.enumerated() {
            if let position {
                output[index * count + position] = 1
            } else if !zeros {
                throw OperatorError("element \(index) of input 0 is not a category, and 'zeros' is 0")
            }
        }
        return [.tensor(Tensor(checked: x.shape + [count], .float(output)))]
    }
}

/// ZipMap (ai.onnx.ml 1): each row of scores `[N, C]` (or one row `[C]`) as a map from the class labels to the
/// scores; the output is a sequence of N maps.
struct ZipMapOperator: Operator {
    let keys: [MapKey]

    init(_ spec: NodeSpec) throws(OperatorError) {
        let ints = try spec.attributes.ints("classlabels_int64s") ?? []
        let strings = try spec.attributes.strings("classlabels_strings") ?? []
        guard ints.isEmpty != strings.isEmpty else {
            throw OperatorError("ZipMap needs exactly one of 'classlabels_int64s' and 'classlabels_strings'")
        }
        keys = strings.isEmpty ? ints.map { .int(Int64($0)) } : strings.map { .string($0) }
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try inputs.tensor(0)
        guard let values = x.values(as: Float.self) else { throw .unsupportedType(x.elementType) }
        guard x.rank == 1 || x.rank == 2 else {
            throw OperatorError("input 0 has shape \(x.shape); ZipMap needs a matrix [N, C] or a vector")
        }
        let columns = x.shape[x.rank - 1]
        guard columns == keys.count else {
            throw OperatorError("input 0 has \(columns) columns; ZipMap has \(keys.count) labels")
        }
        let rows = x.rank == 2 ? x.shape[0] : 1
        var maps: [Value] = []
        maps.reserveCapacity(rows)
        for row in 0..<rows {
            var map: [MapKey: Float] = [:]
            map.reserveCapacity(columns)
            for column in 0..<columns { map[keys[column]] = values[row * columns + column] }
            maps.append(.map(map))
        }
        return [.sequence(maps)]
    }
}
