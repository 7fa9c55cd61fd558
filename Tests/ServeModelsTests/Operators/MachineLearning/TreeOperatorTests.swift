import Testing

@testable import ServeModels

@Suite struct MLTreeOperatorTests {
    /// One tree: x0 <= 1.5 goes to leaf 1, else to leaf 2.
    static func tree(mode: String = "BRANCH_LEQ") -> [String: Attribute] {
        [
            "nodes_treeids": .ints([0, 0, 0]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_featureids": .ints([0, 0, 0]),
            "nodes_modes": .strings([mode, "LEAF", "LEAF"]), "nodes_values": .floats([1.5, 0, 0]),
            "nodes_truenodeids": .ints([1, 0, 0]), "nodes_falsenodeids": .ints([2, 0, 0]),
        ]
    }

    static func regressor(_ extra: [String: Attribute] = [:], mode: String = "BRANCH_LEQ") -> [String: Attribute] {
        tree(mode: mode).merging([
            "n_targets": .int(1), "target_ids": .ints([0, 0]), "target_nodeids": .ints([1, 2]),
            "target_treeids": .ints([0, 0]), "target_weights": .floats([10, 20]),
        ]) { $1 }.merging(extra) { $1 }
    }

    @Test func regressorFollowsTheBranches() throws {
        let x = try MLTest.floats([1, 2, 1.5], [3, 1])
        #expect(
            MLTest.close(
                try MLTest.run("TreeEnsembleRegressor", Self.regressor(), [x])[0], [10, 20, 10], shape: [3, 1]))
        let lessThan = try MLTest.run("TreeEnsembleRegressor", Self.regressor(mode: "BRANCH_LT"), [x])
        #expect(MLTest.close(lessThan[0], [10, 20, 20], shape: [3, 1]))
        let based = try MLTest.run("TreeEnsembleRegressor", Self.regressor(["base_values": .floats([1])]), [x])
        #expect(MLTest.close(based[0], [11, 21, 11], shape: [3, 1]))
    }

    @Test func missingValuesFollowTheirTrack() throws {
        let x = try MLTest.floats([.nan], [1, 1])
        #expect(MLTest.close(try MLTest.run("TreeEnsembleRegressor", Self.regressor(), [x])[0], [20], shape: [1, 1]))
        let tracked = Self.regressor(["nodes_missing_value_tracks_true": .ints([1, 0, 0])])
        #expect(MLTest.close(try MLTest.run("TreeEnsembleRegressor", tracked, [x])[0], [10], shape: [1, 1]))
    }

    @Test func classifierScoresEachClass() throws {
        let attributes = Self.tree().merging([
            "classlabels_strings": .strings(["a", "b", "c"]), "class_ids": .ints([0, 2]),
            "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([1, 1]),
        ]) { $1 }
        let outputs = try MLTest.run("TreeEnsembleClassifier", attributes, [MLTest.floats([1, 2], [2, 1])])
        #expect(outputs[0].tensor?.values(as: String.self) == ["a", "c"])
        #expect(MLTest.close(outputs[1], [1, 0, 0, 0, 0, 1], shape: [2, 3]))
    }

    @Test func binaryClassifierWithOneScoredClass() throws {
        // The weights are the positive class's probability: scores [1 - p, p], label 1 when p > 0.5.
        let attributes = Self.tree().merging([
            "classlabels_int64s": .ints([0, 1]), "class_ids": .ints([0, 0]), "class_nodeids": .ints([1, 2]),
            "class_treeids": .ints([0, 0]), "class_weights": .floats([0.2, 0.9]),
        ]) { $1 }
        let outputs = try MLTest.run("TreeEnsembleClassifier", attributes, [MLTest.floats([1, 2], [2, 1])])
        #expect(outputs[0].tensor?.values(as: Int64.self) == [0, 1])
        #expect(MLTest.close(outputs[1], [0.8, 0.2, 0.1, 0.9], shape: [2, 2]))
    }

    @Test func treeEnsembleV5WithSetMembership() throws {
        let attributes: [String: Attribute] = [
            "nodes_featureids": .ints([0]), "nodes_modes": .tensor(try Tensor(shape: [1], values: [UInt8(6)])),
            "nodes_splits": .tensor(try Tensor(shape: [1], values: [Float(0)])),
            "membership_values": .tensor(try Tensor(shape: [3], values: [Float(1), 3, .nan])),
            "nodes_truenodeids": .ints([0]), "nodes_falsenodeids": .ints([1]), "nodes_trueleafs": .ints([1]),
            "nodes_falseleafs": .ints([1]), "leaf_targetids": .ints([0, 0]),
            "leaf_weights": .tensor(try Tensor(shape: [2], values: [Float(10), 20])), "tree_roots": .ints([0]),
            "n_targets": .int(1),
        ]
        let outputs = try MLTest.run("TreeEnsemble", attributes, [MLTest.floats([3, 2, 1], [3, 1])], opset: 5)
        #expect(MLTest.close(outputs[0], [10, 20, 10], shape: [3, 1]))
    }

    @Test func cyclesAndMissingChildrenAreRejected() {
        var cycle = Self.regressor()
        cycle["nodes_modes"] = .strings(["BRANCH_LEQ", "BRANCH_LEQ", "LEAF"])
        cycle["nodes_truenodeids"] = .ints([1, 0, 0])
        cycle["nodes_falsenodeids"] = .ints([2, 2, 0])
        #expect(throws: OperatorError("TreeEnsembleRegressor's trees have a cycle")) {
            _ = try MLTest.make("TreeEnsembleRegressor", cycle)
        }
        var dangling = Self.regressor()
        dangling["nodes_falsenodeids"] = .ints([7, 0, 0])
        #expect(throws: OperatorError.self) { _ = try MLTest.make("TreeEnsembleRegressor", dangling) }
    }

    @Test func featureOutsideTheInputIsAnError() throws {
        let op = try MLTest.make("TreeEnsembleRegressor", Self.regressor(["nodes_featureids": .ints([3, 0, 0])]))
        #expect(throws: OperatorError.self) { try op.run([.tensor(MLTest.floats([1, 2], [1, 2]))]) }
    }
}
