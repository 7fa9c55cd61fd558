import Testing

@testable import ServeModels

@Suite struct ReductionOperatorTests {
    typealias T = OperatorTestSupport

    static func matrix() throws -> Tensor { try T.floats([2, 3], [1, 2, 3, 4, 5, 6]) }

    @Test func reduceSumTakesAxesAsAnInputFromOpset13() throws {
        let output = try T.run1(
            "ReduceSum", opset: 13, attributes: ["keepdims": .int(0)], [Self.matrix(), T.ints([1])])
        #expect(output.shape == [2])
        #expect(output.values(as: Float.self) == [6, 15])
    }

    @Test func noAxesReduceEverythingUnlessNoop() throws {
        let all = try T.run1("ReduceSum", opset: 13, [Self.matrix()])
        #expect(all.shape == [1, 1])
        #expect(all.values(as: Float.self) == [21])
        let noop = try T.run1("ReduceSum", opset: 13, attributes: ["noop_with_empty_axes": .int(1)], [Self.matrix()])
        let matrix = try Self.matrix()
        #expect(noop == matrix)
    }

    @Test func noopStillAppliesTheElementwisePart() throws {
        let input = try T.floats([2], [-1, 2])
        let output = try T.run1(
            "ReduceL1", opset: 18, attributes: ["noop_with_empty_axes": .int(1)], [input, T.ints([])])
        #expect(output.values(as: Float.self) == [1, 2])
    }

    @Test func scatteredAxesBeforeOpset18AreAnAttribute() throws {
        let input = try T.floats([2, 2, 2], (0..<8).map(Float.init))
        let output = try T.run1("ReduceMean", opset: 13, attributes: ["axes": .ints([0, 2])], [input])
        #expect(output.shape == [1, 2, 1])
        #expect(output.values(as: Float.self) == [2.5, 4.5])
    }

    @Test func reduceMaxTakesAxesAsAnInputFromOpset18() throws {
        let input = try T.floats([2, 2], [1, 5, 7, 3])
        let output = try T.run1("ReduceMax", opset: 18, [input, T.ints([-1])])
        #expect(output.shape == [2, 1])
        #expect(output.values(as: Float.self) == [5, 7])
    }

    @Test func logSumExpDoesNotOverflow() throws {
        let output = try T.run1("ReduceLogSumExp", attributes: ["keepdims": .int(0)], [T.floats([2], [1000, 1000])])
        #expect(output.shape == [])
        let value = output.values(as: Float.self)?.first ?? 0
        #expect(abs(value - 1000.6931) < 1e-3)
    }

    @Test func integerReductions() throws {
        let product = try T.run1("ReduceProd", [T.ints([2, 3, 4])])
        #expect(product.values(as: Int64.self) == [24])
        let mean = try T.run1("ReduceMean", [Tensor(shape: [2], values: [Int32(1), 2])])
        #expect(mean.values(as: Int32.self) == [1])
    }

    @Test func reduceL2AndSumSquare() throws {
        let input = try T.floats([2], [3, 4])
        #expect(try T.run1("ReduceL2", [input]).values(as: Float.self) == [5])
        #expect(try T.run1("ReduceSumSquare", [input]).values(as: Float.self) == [25])
    }

    @Test func reduceMinOfBooleansIsAll() throws {
        let input = try Tensor(shape: [2], values: [true, false])
        #expect(try T.run1("ReduceMin", opset: 20, [input]).values(as: Bool.self) == [false])
        #expect(try T.run1("ReduceMax", opset: 20, [input]).values(as: Bool.self) == [true])
    }

    @Test func anEmptyAxisReducesToTheIdentity() throws {
        let empty = try T.floats([2, 0], [])
        let sums = try T.run1("ReduceSumSquare", attributes: ["axes": .ints([1]), "keepdims": .int(0)], [empty])
        #expect(sums.shape == [2])
        #expect(sums.values(as: Float.self) == [0, 0])
    }

    @Test func anAxisOutOfRangeIsAnError() throws {
        #expect(throws: OperatorError("axes entry 2 is out of range for rank 2 (it must be in -2...1)")) {
            try T.run1("ReduceSum", opset: 13, [Self.matrix(), T.ints([2])])
        }
    }
}
