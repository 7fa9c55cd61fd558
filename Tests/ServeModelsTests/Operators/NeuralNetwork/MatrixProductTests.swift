import Testing

@testable import ServeModels

@Suite struct MatrixProductTests {
    typealias T = OperatorTestSupport

    @Test func matMulMultipliesMatrices() throws {
        // [[1, 2, 3], [4, 5, 6]] · [[1, 2], [3, 4], [5, 6]]
        let output = try T.run1("MatMul", [T.counting([2, 3]), T.counting([3, 2])])
        #expect(output.shape == [2, 2])
        #expect(output.values(as: Float.self) == [22, 28, 49, 64])
    }

    @Test func matMulBroadcastsBatchesAndDropsAVectorsDimension() throws {
        // Two batches of [[1, 2], [3, 4]] and [[5, 6], [7, 8]] times the column [1, 1].
        let output = try T.run1("MatMul", [T.counting([2, 2, 2]), T.floats([2], [1, 1])])
        #expect(output.shape == [2, 2])
        #expect(output.values(as: Float.self) == [3, 7, 11, 15])
        let shared = try T.run1("MatMul", [T.counting([3, 1, 2]), T.floats([2, 1], [1, 10])])
        #expect(shared.shape == [3, 1, 1])
        #expect(shared.values(as: Float.self) == [21, 43, 65])
    }

    @Test func matMulMultipliesIntegers() throws {
        let a = try Tensor(shape: [1, 2], values: [Int64(2), 3])
        let b = try Tensor(shape: [2, 1], values: [Int64(4), 5])
        #expect(try T.run1("MatMul", [a, b]).values(as: Int64.self) == [23])
    }

    @Test func matMulSaysWhichDimensionsDisagree() throws {
        #expect(
            throws: OperatorError(
                "input 0 has shape [2, 3] and input 1 has shape [2, 2]; MatMul needs the first's last dimension (3) "
                    + "to equal the second's second-to-last one")
        ) { try T.run1("MatMul", [T.counting([2, 3]), T.counting([2, 2])]) }
    }

    @Test func gemmTransposesScalesAndAddsTheBias() throws {
        // A' = [[1, 3], [2, 4]] (A transposed), B = I; alpha 2 and beta 0.5 with the row bias [10, 20].
        let a = try T.counting([2, 2])
        let identity = try T.floats([2, 2], [1, 0, 0, 1])
        let output = try T.run1(
            "Gemm", attributes: ["transA": .int(1), "alpha": .float(2), "beta": .float(0.5)],
            [a, identity, T.floats([2], [10, 20])])
        #expect(output.values(as: Float.self) == [7, 16, 9, 18])
    }

    @Test func gemmWithoutBiasAndWithAColumnBias() throws {
        let a = try T.counting([2, 2])
        let b = try T.floats([2, 2], [1, 0, 0, 1])
        #expect(try T.run1("Gemm", [a, b]).values(as: Float.self) == [1, 2, 3, 4])
        let column = try T.floats([2, 1], [100, 200])
        #expect(try T.run1("Gemm", [a, b, column]).values(as: Float.self) == [101, 102, 203, 204])
    }

    @Test func gemmRefusesABiasThatDoesNotBroadcast() throws {
        #expect(throws: OperatorError("input 2 has shape [3], which does not broadcast to the result's [2, 2]")) {
            try T.run1("Gemm", [T.counting([2, 2]), T.counting([2, 2]), T.counting([3])])
        }
    }
}
