import Testing

@testable import ServeModels

@Suite struct MLSVMOperatorTests {
    @Test func linearSVMRegressor() throws {
        let outputs = try MLTest.run(
            "SVMRegressor", ["coefficients": .floats([1, 2]), "rho": .floats([0.5])], [MLTest.floats([1, 1], [1, 2])])
        #expect(MLTest.close(outputs[0], [3.5], shape: [1, 1]))
    }

    @Test func rbfSVMRegressorAndOneClass() throws {
        // 2 · exp(-1 · ((1 - 0)² + 0²)) = 0.7357589.
        let attributes: [String: Attribute] = [
            "n_supports": .int(1), "support_vectors": .floats([0, 0]), "coefficients": .floats([2]),
            "rho": .floats([0]), "kernel_type": .string("RBF"), "kernel_params": .floats([1, 0, 0]),
        ]
        let x = try MLTest.floats([1, 0], [1, 2])
        #expect(MLTest.close(try MLTest.run("SVMRegressor", attributes, [x])[0], [0.7357589], shape: [1, 1]))
        var oneClass = attributes
        oneClass["one_class"] = .int(1)
        #expect(MLTest.close(try MLTest.run("SVMRegressor", oneClass, [x])[0], [1], shape: [1, 1]))
    }

    @Test func binarySVMClassifierVotes() throws {
        // Linear kernel, one support vector per class: decision = -1 · (x · [1, 1]) + 1 · (x · [0, 0]) = -2 < 0,
        // so the vote goes to the second class; scores are [-d, d].
        let outputs = try MLTest.run(
            "SVMClassifier",
            [
                "vectors_per_class": .ints([1, 1]), "support_vectors": .floats([0, 0, 1, 1]),
                "coefficients": .floats([1, -1]), "rho": .floats([0]), "classlabels_ints": .ints([5, 7]),
                "kernel_type": .string("LINEAR"), "kernel_params": .floats([0, 0, 0]),
            ],
            [MLTest.floats([2, 0], [1, 2])])
        #expect(outputs[0].tensor?.values(as: Int64.self) == [7])
        #expect(MLTest.close(outputs[1], [2, -2], shape: [1, 2]))
    }

    @Test func pairwiseCouplingOfEqualOddsIsUniform() {
        let p = SVMClassifierOperator.coupling(3, [0, 0.5, 0.5, 0.5, 0, 0.5, 0.5, 0.5, 0])
        #expect(p.allSatisfy { abs($0 - 1.0 / 3) < 1e-5 })
    }

    @Test func svmClassifierNeedsLabels() {
        #expect(throws: OperatorError.self) {
            _ = try MLTest.make("SVMClassifier", ["coefficients": .floats([1, 2]), "rho": .floats([0])])
        }
    }
}
