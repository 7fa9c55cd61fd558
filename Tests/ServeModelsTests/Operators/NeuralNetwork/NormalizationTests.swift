import Testing

@testable import ServeModels

@Suite struct NormalizationTests {
    typealias T = OperatorTestSupport

    @Test func batchNormalizationUsesTheGivenStatistics() throws {
        // Channel 0: (x − 1) / √(4 + 0) · 2 + 1; channel 1: (x − 0) / √(1 + 0) · 1 + 0.
        let output = try T.run1(
            "BatchNormalization", attributes: ["epsilon": .float(0)],
            [
                T.floats([1, 2, 2], [3, 5, 7, 9]), T.floats([2], [2, 1]), T.floats([2], [1, 0]),
                T.floats([2], [1, 0]), T.floats([2], [4, 1]),
            ])
        #expect(output.values(as: Float.self) == [3, 5, 7, 9])
    }

    @Test func batchNormalizationChecksTheParameterShapes() throws {
        let x = try T.counting([1, 2, 2])
        let two = try T.floats([2], [1, 1])
        #expect(
            throws: OperatorError(
                "input 4 has shape [3]; BatchNormalization needs [2], one per channel")
        ) { try T.run1("BatchNormalization", [x, two, two, two, T.floats([3], [1, 1, 1])]) }
    }

    @Test func instanceNormalizationStandardisesEachPlane() throws {
        // [1, 3] has mean 2 and variance 1; scaled by 2 and shifted by 5.
        let output = try T.run1(
            "InstanceNormalization", attributes: ["epsilon": .float(0)],
            [T.floats([1, 1, 2], [1, 3]), T.floats([1], [2]), T.floats([1], [5])])
        #expect(output.values(as: Float.self) == [3, 7])
    }

    @Test func layerNormalizationGivesTheStatisticsToo() throws {
        // Rows [1, 3] and [2, 6]: means 2 and 4, variances 1 and 4.
        let outputs = try T.run(
            "LayerNormalization", attributes: ["epsilon": .float(0)], outputs: 3,
            [T.floats([2, 2], [1, 3, 2, 6]), T.floats([2], [1, 10]), T.floats([2], [0, 1])])
        #expect(outputs[0].values(as: Float.self) == [-1, 11, -1, 11])
        #expect(outputs[1].shape == [2, 1])
        #expect(outputs[1].values(as: Float.self) == [2, 4])
        #expect(outputs[2].values(as: Float.self) == [1, 0.5])
    }

    @Test func lrnDividesByTheNeighbourhoodsSquares() throws {
        // size 3 over two channels [3] and [4]: both see 9 + 16 = 25; bias 0, alpha 3 (÷ size), beta 0.5.
        let output = try T.run1(
            "LRN", attributes: ["size": .int(3), "alpha": .float(3), "beta": .float(0.5), "bias": .float(0)],
            [T.floats([1, 2, 1], [3, 4])])
        #expect(T.close(output, [0.6, 0.8]))
    }
}
