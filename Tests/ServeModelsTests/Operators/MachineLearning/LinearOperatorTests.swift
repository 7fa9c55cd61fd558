import Testing

@testable import ServeModels

@Suite struct MLLinearOperatorTests {
    @Test func linearClassifierPicksTheTopClass() throws {
        // Scores: [2, 1, -3] and [0, 3, -3].
        let outputs = try MLTest.run(
            "LinearClassifier",
            [
                "coefficients": .floats([1, 0, 0, 1, -1, -1]), "intercepts": .floats([0, 0, 0]),
                "classlabels_ints": .ints([10, 20, 30]),
            ],
            [MLTest.floats([2, 1, 0, 3], [2, 2])])
        #expect(outputs[0].tensor?.values(as: Int64.self) == [10, 20])
        #expect(MLTest.close(outputs[1], [2, 1, -3, 0, 3, -3], shape: [2, 3]))
    }

    @Test func linearClassifierSoftmax() throws {
        let outputs = try MLTest.run(
            "LinearClassifier",
            [
                "coefficients": .floats([1, 0, 0, 1]), "intercepts": .floats([0, 0]),
                "classlabels_strings": .strings(["a", "b"]), "post_transform": .string("SOFTMAX"),
            ],
            [MLTest.floats([0, 0], [1, 2])])
        #expect(outputs[0].tensor?.values(as: String.self) == ["a"])
        #expect(MLTest.close(outputs[1], [0.5, 0.5], shape: [1, 2]))
    }

    @Test func binaryLinearClassifierWritesBothScores() throws {
        // One row of coefficients: score 1 - 3 + 0.5 = -1.5, so the first label and scores [1 - s, s].
        let outputs = try MLTest.run(
            "LinearClassifier",
            [
                "coefficients": .floats([1, -1]), "intercepts": .floats([0.5]),
                "classlabels_strings": .strings(["no", "yes"]),
            ],
            [MLTest.floats([1, 3], [1, 2])])
        #expect(outputs[0].tensor?.values(as: String.self) == ["no"])
        #expect(MLTest.close(outputs[1], [2.5, -1.5], shape: [1, 2]))
    }

    @Test func linearClassifierRejectsFeaturesThatDoNotFit() throws {
        let op = try MLTest.make(
            "LinearClassifier", ["coefficients": .floats([1, 0, 0, 1, -1, -1]), "classlabels_ints": .ints([1, 2, 3])])
        #expect(throws: OperatorError.self) { try op.run([.tensor(MLTest.floats([1, 2, 3, 4], [1, 4]))]) }
    }

    @Test func linearRegressorHasOneColumnPerTarget() throws {
        let outputs = try MLTest.run(
            "LinearRegressor",
            ["coefficients": .floats([1, 2, 3, 4]), "intercepts": .floats([1, -1]), "targets": .int(2)],
            [MLTest.floats([1, 1, 2, 0], [2, 2])])
        #expect(MLTest.close(outputs[0], [4, 6, 3, 5], shape: [2, 2]))
    }

    @Test func linearRegressorAppliesProbitToOneTarget() throws {
        // probit(0.5) = 0.
        let outputs = try MLTest.run(
            "LinearRegressor", ["coefficients": .floats([0.5]), "post_transform": .string("PROBIT")],
            [MLTest.floats([1], [1, 1])])
        #expect(MLTest.close(outputs[0], [0], shape: [1, 1], tolerance: 1e-4))
    }

    @Test func unknownPostTransformIsRejected() {
        #expect(throws: OperatorError.self) {
            _ = try MLTest.make("LinearRegressor", ["coefficients": .floats([1]), "post_transform": .string("EXP")])
        }
    }
}
