/// Einsum: a sum of products over labelled axes, as NumPy's `einsum` writes it (`"bij,bjk->bik"`), with
/// `...` for broadcast leading axes, repeated labels for diagonals and the implicit output (the labels used
/// once, in alphabetical order) when there is no `->`. Two operands whose labels line up as a batched matrix
/// product go through OpenBLAS; anything else through a direct loop.
struct EinsumOperator: Operator {
    let equation: EinsumEquation

    static func make(_ spec: NodeSpec) throws(OperatorError) -> any Operator {
        NeuralNetworkBLAS.prepare()
        guard let text = try spec.attributes.string("equation") else {
            throw OperatorError("Einsum needs the equation attribute")
        }
        return EinsumOperator(equation: try EinsumEquation(text))
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        guard inputs.count == equation.terms.count else {
            throw OperatorError("the equation has \(equation.terms.count) operands; the node gives \(inputs.count)")
        }
        var tensors: [Tensor] = []
        for index in 0..<inputs.count { tensors.append(try inputs.tensor(index)) }
        let layout = try equation.layout(tensors.map(\.shape))
        guard Tensor.elementCount(layout.outputShape) != nil else {
            throw OperatorError("Einsum's result of shape \(layout.outputShape) is too large")
        }
        let type = tensors[0].elementType
        if let other = tensors.first(where: { $0.elementType != type }) {
            throw OperatorError("Einsum's operands must share one type; they are \(type) and \(other.elementType)")
        }
        let result: TensorData
        switch type {
        case .float: result = .float(try layout.evaluate(tensors.map { $0.values(as: Float.self) ?? [] }))
        case .double: result = .double(try layout.evaluate(tensors.map { $0.values(as: Double.self) ?? [] }))
        case .int64:
            result = .int64(try layout.sum(tensors.map { $0.values(as: Int64.self) ?? [] }, multiply: &*, add: &+))
        case .int32:
            result = .int32(try layout.sum(tensors.map { $0.values(as: Int32.self) ?? [] }, multiply: &*, add: &+))
        case .uint64:
            result = .uint64(try layout.sum(tensors.map { $0.values(as: UInt64.self) ?? [] }, multiply: &*, add: &+))
        case .uint32:
            result = .uint32(try layout.sum(tensors.map { $0.values(as: UInt32.self) ?? [] }, multiply: &*, add: &+))
        default: throw .unsupportedType(type)
        }
        return [.tensor(Tensor(checked: layout.outputShape, result))]
    }
}

/// An Einsum equation, parsed: each operand's labels (letters as 0–51, with the place of its `...`) and the
/// output's.
struct EinsumEquation: Sendable {
    /// One operand's or the output's subscripts.
    struct Term: Sendable {
        var labels: [Int]
        /// Where `...` stands among the labels, if it does.
        var ellipsis: Int?
    }

    let terms: [Term]
    /// Nil for the implicit output.
    let output: Term?

    /// Labels standing for the axes `...` covers, right-aligned: the last such axis is `ellipsisLabel + 99`.
    static let ellipsisLabel = 1000
    static let ellipsisSpan = 100

    init(_ text: String) throws(OperatorError) {
        let compact = text.filter { !$0.isWhitespace }
        let sides = compact.split(separator: "->", omittingEmptySubsequences: false).map(String.init)
        guard sides.count <= 2 else { throw OperatorError("equation '\(text)' has more than one '->'") }
        var terms: [Term] = []
        for piece in sides[0].split(separator: ",", omittingEmptySubsequences: false) {
            terms.append(try Self.term(String(piece), in: text))
        }
        self.terms = terms
        if sides.count == 2 {
            let output = try Self.term(sides[1], in: text)
            guard Set(output.labels).count == output.labels.count else {
                throw OperatorError("equation '\(text)' repeats a label in its output")
            }
            let used = Set(terms.flatMap(\.labels))
            guard output.labels.allSatisfy(used.contains) else {
                throw OperatorError("equation '\(text)' has an output label no operand has")
            }
            if output.ellipsis != nil, !terms.contains(where: { $0.ellipsis != nil }) {
                throw OperatorError("equation '\(text)' has '...' in its output but in no operand")
            }
            self.output = output
        } else {
            output = nil
        }
    }

    private static func term(_ text: String, in equation: String) throws(OperatorError) -> Term {
        var term = Term(labels: [], ellipsis: nil)
        var rest = Substring(text)
        while let character = rest.first {
            if rest.hasPrefix("...") {
                guard term.ellipsis == nil else {
                    throw OperatorError("equation '\(equation)' has '...' twice in a term")
                }
                term.ellipsis = term.labels.count
                rest = rest.dropFirst(3)
                continue
            }
            guard let ascii = character.asciiValue, character.isLetter else {
                throw OperatorError(
                    "equation '\(equation)' has '\(character)', which is not a letter, ',', '->' or '...'")
            }
            term.labels.append(ascii >= 97 ? Int(ascii - 97) + 26 : Int(ascii - 65))
            rest = rest.dropFirst()
        }
        return term
    }

    /// The equation laid over operands of these shapes: every axis's label and size.
    func layout(_ shapes: [[Int]]) throws(OperatorError) -> EinsumLayout {
        var operandLabels: [[Int]] = []
        var ellipsisRank = 0
        for (term, shape) in zip(terms, shapes) {
            let covered = shape.count - term.labels.count
            guard term.ellipsis == nil ? covered == 0 : covered >= 0 else {
                throw OperatorError("an operand of shape \(shape) does not fit its subscripts in the equation")
            }
            guard covered < Self.ellipsisSpan else { throw OperatorError("'...' covers too many axes") }
            ellipsisRank = max(ellipsisRank, covered)
        }
        for (term, shape) in zip(terms, shapes) {
            operandLabels.append(Self.expand(term, covering: shape.count - term.labels.count, of: ellipsisRank))
        }
        var sizes: [Int: Int] = [:]
        for (labels, shape) in zip(operandLabels, shapes) {
            for (label, size) in zip(labels, shape) {
                let known = sizes[label] ?? 1
                guard known == size || known == 1 || size == 1 else {
                    throw OperatorError("a label stands for axes of sizes \(known) and \(size) in Einsum's operands")
                }
                sizes[label] = known == 1 ? size : known
            }
        }
        let outputLabels: [Int]
        if let output {
            outputLabels = Self.expand(output, covering: ellipsisRank, of: ellipsisRank)
        } else {
            let letters = terms.flatMap(\.labels)
            let once = Set(letters.filter { label in letters.count(where: { $0 == label }) == 1 })
            outputLabels =
                Self.expand(Term(labels: [], ellipsis: 0), covering: ellipsisRank, of: ellipsisRank)
                + once.sorted()
        }
        guard Tensor.elementCount(Array(sizes.values)) != nil else {
            throw OperatorError("Einsum's loop over every label's values is too large")
        }
        return EinsumLayout(operands: operandLabels, shapes: shapes, output: outputLabels, sizes: sizes)
    }

    private static func expand(_ term: Term, covering count: Int, of rank: Int) -> [Int] {
        guard let position = term.ellipsis else { return term.labels }
        let covered = (rank - count..<rank).map { ellipsisLabel + $0 }
        return Array(term.labels[..<position]) + covered + Array(term.labels[position...])
    }
}
