/// The trees of a tree ensemble operator, compiled for evaluation.
///
/// Node `i` compares feature `features[i]` with `thresholds[i]` by `modes[i]` and continues with
/// `trueChildren[i]` or `falseChildren[i]`; a leaf (mode `leaf`) holds `falseChildren[i]` weights from
/// `trueChildren[i]` on in `weightTargets`/`weightValues`. The nodes are kept packed, one struct each.
struct MLTreeEnsemble: Sendable {
    /// The comparisons of branch nodes, numbered as TreeEnsemble (ai.onnx.ml 5) numbers them.
    enum Mode: UInt8 {
        case lessOrEqual = 0, less, greaterOrEqual, greater, equal, notEqual, member
        case leaf = 255
    }

    /// How the leaves' weights of all trees combine for a target.
    enum Aggregate: Sendable { case sum, average, min, max }

    /// The members of each BRANCH_MEMBER node's set, by node (empty for other nodes).
    let memberSets: [Int: [Double]]
    let roots: [Int32]
    let weightTargets: [Int32]
    let weightValues: [Double]
    let targetCount: Int
    /// The largest feature index a branch reads (-1 when none does).
    let maxFeature: Int
    /// Every branch is BRANCH_LEQ and none sends NaN to its true branch: the common, fast case.
    let allLessOrEqual: Bool

    /// The nodes packed for evaluation in each precision (one cache line holds a node's whole comparison).
    let packedFloat: [MLTreeNode<Float>]
    let packedDouble: [MLTreeNode<Double>]

    init(
        features: [Int32], modes: [UInt8], thresholds: [Double], trueChildren: [Int32], falseChildren: [Int32],
        missingTracksTrue: [Bool], memberSets: [Int: [Double]], roots: [Int32], weightTargets: [Int32],
        weightValues: [Double], targetCount: Int
    ) {
        self.memberSets = memberSets
        self.roots = roots
        self.weightTargets = weightTargets
        self.weightValues = weightValues
        self.targetCount = targetCount
        var maxFeature = -1
        var allLessOrEqual = true
        for index in modes.indices where modes[index] != Mode.leaf.rawValue {
            maxFeature = Swift.max(maxFeature, Int(features[index]))
            if modes[index] != Mode.lessOrEqual.rawValue || missingTracksTrue[index] { allLessOrEqual = false }
        }
        self.maxFeature = maxFeature
        self.allLessOrEqual = allLessOrEqual
        packedFloat = MLTreeEnsemble.pack(modes, features, thresholds, trueChildren, falseChildren, missingTracksTrue)
        packedDouble = MLTreeEnsemble.pack(modes, features, thresholds, trueChildren, falseChildren, missingTracksTrue)
    }

    private static func pack<T: BinaryFloatingPoint>(
        _ modes: [UInt8], _ features: [Int32], _ thresholds: [Double], _ trueChildren: [Int32],
        _ falseChildren: [Int32], _ missingTracksTrue: [Bool]
    ) -> [MLTreeNode<T>] {
        (0..<modes.count).map { i in
            MLTreeNode(
                threshold: T(thresholds[i]), feature: features[i], trueChild: trueChildren[i],
                falseChild: falseChildren[i], mode: modes[i], missingTracksTrue: missingTracksTrue[i])
        }
    }

    /// The leaf a row reaches from `root`.
    @inline(__always)
    private func leaf<T: BinaryFloatingPoint>(
        _ root: Int, _ row: UnsafePointer<T>, _ nodes: UnsafePointer<MLTreeNode<T>>
    ) -> Int {
        var index = root
        if allLessOrEqual {
            while true {
                let node = nodes[index]
                if node.mode == Mode.leaf.rawValue { return index }
                index = Int(row[Int(node.feature)] <= node.threshold ? node.trueChild : node.falseChild)
            }
        }
        while true {
            let node = nodes[index]
            if node.mode == Mode.leaf.rawValue { return index }
            let value = row[Int(node.feature)]
            var goTrue: Bool
            switch node.mode {
            case 0: goTrue = value <= node.threshold
            case 1: goTrue = value < node.threshold
            case 2: goTrue = value >= node.threshold
            case 3: goTrue = value > node.threshold
            case 4: goTrue = value == node.threshold
            case 5: goTrue = value != node.threshold
            default: goTrue = memberSets[index]?.contains(Double(value)) ?? false
            }
            if !goTrue && node.missingTracksTrue && value.isNaN { goTrue = true }
            index = Int(goTrue ? node.trueChild : node.falseChild)
        }
    }

    /// The aggregated leaf weights of every row, `[rows, targetCount]`, and whether any leaf gave each a weight.
    /// AVERAGE sums here (the caller divides). With one target, each leaf's first weight counts whatever its
    /// target, as onnxruntime does. Sums are in double precision: onnxruntime's float sums depend on how it splits
    /// the trees among threads, and the exact sum is what they approximate.
    func accumulate<T: BinaryFloatingPoint>(
        _ x: UnsafeBufferPointer<T>, rows: Int, columns: Int, nodes: [MLTreeNode<T>], aggregate: Aggregate
    ) -> (scores: [Double], hasScore: [Bool]) {
        let targets = targetCount
        var scores = [Double](repeating: 0, count: rows * targets)
        var hasScore = [Bool](repeating: false, count: rows * targets)
        guard let base = x.baseAddress else { return (scores, hasScore) }
        // Blocks of rows go through one tree after another, so a tree's nodes stay in cache.
        let block = 64
        nodes.withUnsafeBufferPointer { nodesBuffer in
            weightValues.withUnsafeBufferPointer { weights in
                weightTargets.withUnsafeBufferPointer { weightTargets in
                    scores.withUnsafeMutableBufferPointer { scores in
                        hasScore.withUnsafeMutableBufferPointer { hasScore in
                            guard let nodes = nodesBuffer.baseAddress else { return }
                            var start = 0
                            while start < rows {
                                let end = Swift.min(start + block, rows)
                                for root in roots {
                                    for row in start..<end {
                                        let node = nodes[leaf(Int(root), base + row * columns, nodes)]
                                        let first = Int(node.trueChild)
                                        let count = Int(node.falseChild)
                                        if targets == 1 {
                                            if count > 0 {
                                                combine(&scores[row], &hasScore[row], weights[first], aggregate)
                                            }
                                            continue
                                        }
                                        for weight in first..<first + count {
                                            let slot = row * targets + Int(weightTargets[weight])
                                            combine(&scores[slot], &hasScore[slot], weights[weight], aggregate)
                                        }
                                    }
                                }
                                start = end
                            }
                        }
                    }
                }
            }
        }
        return (scores, hasScore)
    }

    @inline(__always)
    private func combine(_ score: inout Double, _ has: inout Bool, _ weight: Double, _ aggregate: Aggregate) {
        switch aggregate {
        case .sum, .average: score += weight
        case .min: if !has || weight < score { score = weight }
        case .max: if !has || weight > score { score = weight }
        }
        has = true
    }

    /// Evaluates `input` (`[N, C]` or `[C]`) in its own precision (double stays double; float and integers are
    /// compared as floats) and hands the accumulated scores to `finish` as doubles or floats.
    func evaluate(_ input: Tensor, aggregate: Aggregate, operator name: String) throws(OperatorError) -> MLTreeScores {
        let rows: Int
        let columns: Int
        switch input.rank {
        case 1:
            rows = 1
            columns = input.shape[0]
        case 2:
            rows = input.shape[0]
            columns = input.shape[1]
        default:
            throw OperatorError("input 0 has shape \(input.shape); \(name) needs a matrix [N, C] or a vector")
        }
        guard Tensor.elementCount([rows, targetCount]) != nil else {
            throw OperatorError("\(name)'s output [\(rows), \(targetCount)] is too large")
        }
        guard maxFeature < columns else {
            throw OperatorError("input 0 has \(columns) features; \(name) reads feature \(maxFeature)")
        }
        if case .double(let values) = input.data {
            let result = values.withUnsafeBufferPointer {
                accumulate($0, rows: rows, columns: columns, nodes: packedDouble, aggregate: aggregate)
            }
            return MLTreeScores(scores: result.scores, hasScore: result.hasScore, rows: rows, isDouble: true)
        }
        let values = try MLFeatureMatrix.floats(input.data)
        let result = values.withUnsafeBufferPointer {
            accumulate($0, rows: rows, columns: columns, nodes: packedFloat, aggregate: aggregate)
        }
        return MLTreeScores(scores: result.scores, hasScore: result.hasScore, rows: rows, isDouble: false)
    }
}

/// The accumulated scores of a tree ensemble, `[rows, targets]`.
struct MLTreeScores {
    let scores: [Double]
    let hasScore: [Bool]
    let rows: Int
    /// The input was double, so the outputs of TreeEnsemble are too.
    let isDouble: Bool
}

/// One node of a tree in evaluation order: its comparison and children (a leaf's weights, see `MLTreeEnsemble`).
struct MLTreeNode<T: BinaryFloatingPoint & Sendable>: Sendable {
    let threshold: T
    let feature: Int32
    let trueChild: Int32
    let falseChild: Int32
    let mode: UInt8
    let missingTracksTrue: Bool
}
