/// Builds an `MLTreeEnsemble` from a node's attributes: the `nodes_*` tuples of TreeEnsembleClassifier and
/// TreeEnsembleRegressor, or the `nodes_*`/`leaf_*` tuples of TreeEnsemble (ai.onnx.ml 5).
enum MLTreeEnsembleBuilder {
    private struct NodeKey: Hashable {
        let tree: Int
        let node: Int
    }

    /// The ensemble of a TreeEnsembleClassifier (`prefix` "class") or TreeEnsembleRegressor (`prefix` "target").
    /// Trees are the runs of equal `nodes_treeids`; each starts at its first listed node, as in onnxruntime.
    static func nodesAndTargets(_ spec: NodeSpec, prefix: String, targetCount: Int) throws(OperatorError)
        -> MLTreeEnsemble
    {
        let a = spec.attributes
        let treeIds = try a.ints("nodes_treeids") ?? []
        let nodeIds = try a.ints("nodes_nodeids") ?? []
        let featureIds = try a.ints("nodes_featureids") ?? []
        let modeNames = try a.strings("nodes_modes") ?? []
        let trueIds = try a.ints("nodes_truenodeids") ?? []
        let falseIds = try a.ints("nodes_falsenodeids") ?? []
        let values = try a.mlFloats("nodes_values") ?? []
        let missing = try a.ints("nodes_missing_value_tracks_true") ?? []
        let count = treeIds.count
        guard count > 0 else { throw OperatorError("\(spec.opType) has no nodes") }
        for (name, list) in [
            ("nodes_nodeids", nodeIds.count), ("nodes_featureids", featureIds.count), ("nodes_modes", modeNames.count),
            ("nodes_truenodeids", trueIds.count), ("nodes_falsenodeids", falseIds.count),
            ("nodes_values", values.count),
        ] where list != count {
            throw OperatorError("\(spec.opType) has \(count) nodes_treeids but \(list) \(name)")
        }
        var index: [NodeKey: Int] = [:]
        index.reserveCapacity(count)
        var modes = [UInt8](repeating: 0, count: count)
        for i in 0..<count {
            let key = NodeKey(tree: treeIds[i], node: nodeIds[i])
            guard index.updateValue(i, forKey: key) == nil else {
                throw OperatorError("\(spec.opType) lists node \(nodeIds[i]) of tree \(treeIds[i]) twice")
            }
            modes[i] = try mode(modeNames[i])
            if modes[i] != MLTreeEnsemble.Mode.leaf.rawValue && featureIds[i] < 0 {
                throw OperatorError(
                    "\(spec.opType) node \(nodeIds[i]) of tree \(treeIds[i]) reads feature \(featureIds[i])")
            }
        }
        var trueChildren = [Int32](repeating: 0, count: count)
        var falseChildren = [Int32](repeating: 0, count: count)
        for i in 0..<count where modes[i] != MLTreeEnsemble.Mode.leaf.rawValue {
            for (ids, side) in [(trueIds, "true"), (falseIds, "false")] {
                guard let child = index[NodeKey(tree: treeIds[i], node: ids[i])], child != i else {
                    throw OperatorError(
                        "\(spec.opType) node \(nodeIds[i]) of tree \(treeIds[i]) has \(side) child \(ids[i]), "
                            + "which is not another node of its tree")
                }
                if side == "true" { trueChildren[i] = Int32(child) } else { falseChildren[i] = Int32(child) }
            }
        }
        // Leaf weights, in the order listed; weights of branch nodes are ignored (old converters wrote some).
        let targetIds = try a.ints("\(prefix)_ids") ?? []
        let targetNodes = try a.ints("\(prefix)_nodeids") ?? []
        let targetTrees = try a.ints("\(prefix)_treeids") ?? []
        let targetWeights = try a.mlFloats("\(prefix)_weights") ?? []
        guard targetNodes.count == targetIds.count, targetTrees.count == targetIds.count,
            targetWeights.count == targetIds.count
        else {
            throw OperatorError(
                "\(spec.opType)'s \(prefix)_ids, \(prefix)_nodeids, \(prefix)_treeids and \(prefix)_weights "
                    + "differ in length")
        }
        var leafWeights: [Int: [(target: Int, weight: Double)]] = [:]
        for k in 0..<targetIds.count {
            guard let node = index[NodeKey(tree: targetTrees[k], node: targetNodes[k])] else {
                throw OperatorError(
                    "\(spec.opType) has a weight for node \(targetNodes[k]) of tree \(targetTrees[k]), which it lacks")
            }
            guard (0..<targetCount).contains(targetIds[k]) else {
                throw OperatorError(
                    "\(spec.opType) has a weight for \(prefix) \(targetIds[k]), outside 0..<\(targetCount)")
            }
            if modes[node] == MLTreeEnsemble.Mode.leaf.rawValue {
                leafWeights[node, default: []].append((targetIds[k], targetWeights[k]))
            }
        }
        var weightTargets: [Int32] = []
        var weightValues: [Double] = []
        for i in 0..<count where modes[i] == MLTreeEnsemble.Mode.leaf.rawValue {
            let weights = leafWeights[i] ?? []
            trueChildren[i] = Int32(weightTargets.count)
            falseChildren[i] = Int32(weights.count)
            for (target, weight) in weights {
                weightTargets.append(Int32(target))
                weightValues.append(weight)
            }
        }
        var roots: [Int32] = []
        for i in 0..<count where i == 0 || treeIds[i] != treeIds[i - 1] { roots.append(Int32(i)) }
        let features = featureIds.map { Int32(clamping: $0) }
        try checkAcyclic(modes, trueChildren, falseChildren, spec.opType)
        return MLTreeEnsemble(
            features: features, modes: modes, thresholds: values, trueChildren: trueChildren,
            falseChildren: falseChildren,
            missingTracksTrue: (0..<count).map { $0 < missing.count && missing[$0] == 1 },
            memberSets: [:], roots: roots, weightTargets: weightTargets, weightValues: weightValues,
            targetCount: targetCount)
    }

    private static func mode(_ name: String) throws(OperatorError) -> UInt8 {
        switch name {
        case "BRANCH_LEQ": MLTreeEnsemble.Mode.lessOrEqual.rawValue
        case "BRANCH_LT": MLTreeEnsemble.Mode.less.rawValue
        case "BRANCH_GTE": MLTreeEnsemble.Mode.greaterOrEqual.rawValue
        case "BRANCH_GT": MLTreeEnsemble.Mode.greater.rawValue
        case "BRANCH_EQ": MLTreeEnsemble.Mode.equal.rawValue
        case "BRANCH_NEQ": MLTreeEnsemble.Mode.notEqual.rawValue
        case "LEAF": MLTreeEnsemble.Mode.leaf.rawValue
        default:
            throw OperatorError(
                "node mode '\(name)' is not one of BRANCH_LEQ, BRANCH_LT, BRANCH_GTE, BRANCH_GT, BRANCH_EQ, "
                    + "BRANCH_NEQ or LEAF")
        }
    }

    /// Throws when following children can loop (which would make evaluation never end).
    static func checkAcyclic(_ modes: [UInt8], _ trueChildren: [Int32], _ falseChildren: [Int32], _ op: String)
        throws(OperatorError)
    {
        let count = modes.count
        var incoming = [Int](repeating: 0, count: count)
        let isBranch = modes.map { $0 != MLTreeEnsemble.Mode.leaf.rawValue }
        for i in 0..<count where isBranch[i] {
            incoming[Int(trueChildren[i])] += 1
            incoming[Int(falseChildren[i])] += 1
        }
        var ready = (0..<count).filter { incoming[$0] == 0 }
        var removed = 0
        while let node = ready.popLast() {
            removed += 1
            guard isBranch[node] else { continue }
            for child in [Int(trueChildren[node]), Int(falseChildren[node])] {
                incoming[child] -= 1
                if incoming[child] == 0 { ready.append(child) }
            }
        }
        guard removed == count else { throw OperatorError("\(op)'s trees have a cycle") }
    }
}
