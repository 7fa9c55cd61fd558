extension MLTreeEnsembleBuilder {
    /// The ensemble of a TreeEnsemble (ai.onnx.ml 5) node: interior nodes `nodes_*` (internal indices 0..<n) and
    /// leaves `leaf_*` (internal indices n...), trees starting at `tree_roots`.
    static func nodesAndLeaves(_ spec: NodeSpec, targetCount: Int) throws(OperatorError) -> MLTreeEnsemble {
        let a = spec.attributes
        let featureIds = try a.ints("nodes_featureids") ?? []
        let trueIds = try a.ints("nodes_truenodeids") ?? []
        let falseIds = try a.ints("nodes_falsenodeids") ?? []
        let trueLeafs = try a.ints("nodes_trueleafs") ?? []
        let falseLeafs = try a.ints("nodes_falseleafs") ?? []
        let missing = try a.ints("nodes_missing_value_tracks_true") ?? []
        let leafTargets = try a.ints("leaf_targetids") ?? []
        let roots = try a.ints("tree_roots") ?? []
        guard let modeTensor = try a.tensor("nodes_modes"), let splitTensor = try a.tensor("nodes_splits"),
            let weightTensor = try a.tensor("leaf_weights")
        else {
            throw OperatorError("TreeEnsemble needs the attributes nodes_modes, nodes_splits and leaf_weights")
        }
        let modes = try integers(modeTensor, "nodes_modes")
        let splits = try doubles(splitTensor, "nodes_splits")
        let leafWeights = try doubles(weightTensor, "leaf_weights")
        let members =
            try a.tensor("membership_values").map { (t) throws(OperatorError) in try doubles(t, "membership_values") }
            ?? []
        let count = featureIds.count
        for (name, list) in [
            ("nodes_truenodeids", trueIds.count), ("nodes_falsenodeids", falseIds.count),
            ("nodes_trueleafs", trueLeafs.count), ("nodes_falseleafs", falseLeafs.count),
            ("nodes_modes", modes.count), ("nodes_splits", splits.count),
        ] where list != count {
            throw OperatorError("TreeEnsemble has \(count) nodes_featureids but \(list) \(name)")
        }
        let leafCount = leafWeights.count
        guard leafTargets.count == leafCount else {
            throw OperatorError("TreeEnsemble has \(leafCount) leaf_weights but \(leafTargets.count) leaf_targetids")
        }
        var memberSets: [Int: [Double]] = [:]
        var nextMember = 0
        var nodeModes = [UInt8](repeating: MLTreeEnsemble.Mode.leaf.rawValue, count: count + leafCount)
        var trueChildren = [Int32](repeating: 0, count: count + leafCount)
        var falseChildren = [Int32](repeating: 0, count: count + leafCount)
        var thresholds = [Double](repeating: 0, count: count + leafCount)
        var features = [Int32](repeating: 0, count: count + leafCount)
        for i in 0..<count {
            guard (0...6).contains(modes[i]) else {
                throw OperatorError("TreeEnsemble node \(i) has mode \(modes[i]), not one of 0 (BRANCH_LEQ) to 6")
            }
            guard featureIds[i] >= 0 else {
                throw OperatorError("TreeEnsemble node \(i) reads feature \(featureIds[i])")
            }
            nodeModes[i] = UInt8(modes[i])
            features[i] = Int32(clamping: featureIds[i])
            thresholds[i] = splits[i]
            if modes[i] == Int(MLTreeEnsemble.Mode.member.rawValue) {
                var set: [Double] = []
                while nextMember < members.count && !members[nextMember].isNaN {
                    set.append(members[nextMember])
                    nextMember += 1
                }
                nextMember += 1
                memberSets[i] = set
            }
            trueChildren[i] = try child(trueIds[i], leaf: trueLeafs[i] != 0, node: i, count, leafCount)
            falseChildren[i] = try child(falseIds[i], leaf: falseLeafs[i] != 0, node: i, count, leafCount)
        }
        for j in 0..<leafCount {
            guard (0..<targetCount).contains(leafTargets[j]) else {
                throw OperatorError(
                    "TreeEnsemble leaf \(j) is for target \(leafTargets[j]), outside 0..<\(targetCount)")
            }
            trueChildren[count + j] = Int32(j)
            falseChildren[count + j] = 1
        }
        var rootNodes: [Int32] = []
        for root in roots {
            guard (0..<count).contains(root) else {
                throw OperatorError("TreeEnsemble's tree root \(root) is not one of its \(count) nodes")
            }
            // A tree that is a single leaf: a node whose true and false branches are the same leaf.
            if trueLeafs[root] != 0 && falseLeafs[root] != 0 && trueIds[root] == falseIds[root] {
                rootNodes.append(trueChildren[root])
            } else {
                rootNodes.append(Int32(root))
            }
        }
        try checkAcyclic(nodeModes, trueChildren, falseChildren, "TreeEnsemble")
        return MLTreeEnsemble(
            features: features, modes: nodeModes, thresholds: thresholds, trueChildren: trueChildren,
            falseChildren: falseChildren,
            missingTracksTrue: (0..<count + leafCount).map { $0 < missing.count && $0 < count && missing[$0] == 1 },
            memberSets: memberSets, roots: rootNodes, weightTargets: leafTargets.map { Int32($0) },
            weightValues: leafWeights, targetCount: targetCount)
    }

    private static func child(_ id: Int, leaf: Bool, node: Int, _ count: Int, _ leafCount: Int) throws(OperatorError)
        -> Int32
    {
        if leaf {
            guard (0..<leafCount).contains(id) else {
                throw OperatorError("TreeEnsemble node \(node) branches to leaf \(id) of \(leafCount)")
            }
            return Int32(count + id)
        }
        guard (0..<count).contains(id), id != node else {
            throw OperatorError("TreeEnsemble node \(node) branches to node \(id), which is not another of its nodes")
        }
        return Int32(id)
    }

    private static func doubles(_ tensor: Tensor, _ name: String) throws(OperatorError) -> [Double] {
        switch tensor.data {
        case .double(let values): return values
        case .float(let values): return values.map { Double($0) }
        default: throw OperatorError("attribute '\(name)' must hold floats or doubles, not \(tensor.elementType)")
        }
    }

    private static func integers(_ tensor: Tensor, _ name: String) throws(OperatorError) -> [Int] {
        switch tensor.data {
        case .uint8(let values): return values.map { Int($0) }
        case .int64(let values): return values.map { Int($0) }
        case .int32(let values): return values.map { Int($0) }
        default: throw OperatorError("attribute '\(name)' must hold uint8 values, not \(tensor.elementType)")
        }
    }
}

/// TreeEnsemble (ai.onnx.ml 5): the regression trees of TreeEnsembleRegressor in the newer encoding (interior
/// nodes and leaves apart, set-membership splits), output in the input's precision `[N, n_targets]`.
struct TreeEnsembleOperator: Operator {
    let ensemble: MLTreeEnsemble
    let aggregate: MLTreeEnsemble.Aggregate
    let transform: MLPostTransform

    init(_ spec: NodeSpec) throws(OperatorError) {
        guard spec.opset >= 5 else {
            throw OperatorError("TreeEnsemble is an ai.onnx.ml 5 operator; the model imports ai.onnx.ml \(spec.opset)")
        }
        let targets = try spec.attributes.int("n_targets", default: 0)
        guard targets > 0 else { throw OperatorError("TreeEnsemble needs a positive 'n_targets'") }
        ensemble = try MLTreeEnsembleBuilder.nodesAndLeaves(spec, targetCount: targets)
        switch try spec.attributes.int("aggregate_function", default: 1) {
        case 0: aggregate = .average
        case 1: aggregate = .sum
        case 2: aggregate = .min
        case 3: aggregate = .max
        case let other: throw OperatorError("aggregate_function \(other) is not one of 0 (AVERAGE) to 3 (MAX)")
        }
        transform = try MLPostTransform(code: spec.attributes.int("post_transform", default: 0))
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try inputs.tensor(0)
        guard x.elementType == .float || x.elementType == .double else { throw .unsupportedType(x.elementType) }
        let scores = try ensemble.evaluate(x, aggregate: aggregate, operator: "TreeEnsemble")
        let output = MLTreeFinish.regression(
            scores, targets: ensemble.targetCount, trees: ensemble.roots.count, aggregate: aggregate, baseValues: [],
            transform: transform)
        let shape = [scores.rows, ensemble.targetCount]
        if scores.isDouble { return [.tensor(Tensor(checked: shape, .double(output)))] }
        return [.tensor(Tensor(checked: shape, .float(output.map { Float($0) })))]
    }
}
