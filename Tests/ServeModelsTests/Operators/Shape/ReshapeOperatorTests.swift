import Testing

@testable import ServeModels

@Suite struct ReshapeOperatorTests {
    typealias T = OperatorTestSupport

    @Test func reshapeCopiesZeroAndInfersMinusOne() throws {
        let input = try T.floats([2, 3, 4], (0..<24).map(Float.init))
        let output = try T.run1("Reshape", [input, T.ints([0, -1])])
        #expect(output.shape == [2, 12])
        #expect(output.data == input.data)
    }

    @Test func allowZeroKeepsALiteralZero() throws {
        let empty = try T.floats([3, 0], [])
        let output = try T.run1("Reshape", attributes: ["allowzero": .int(1)], [empty, T.ints([0, 3])])
        #expect(output.shape == [0, 3])
        // Without allowzero the 0 copies the 3, and 3 × 3 does not hold the 0 elements.
        #expect(throws: OperatorError.self) { try T.run1("Reshape", [empty, T.ints([0, 3])]) }
    }

    @Test func twoInferredDimensionsAreRefused() throws {
        let input = try T.floats([4], [1, 2, 3, 4])
        #expect(throws: OperatorError("shape [-1, -1] has more than one -1")) {
            try T.run1("Reshape", [input, T.ints([-1, -1])])
        }
    }

    @Test func flattenSplitsAtTheAxis() throws {
        let input = try T.floats([2, 3], [1, 2, 3, 4, 5, 6])
        #expect(try T.run1("Flatten", attributes: ["axis": .int(0)], [input]).shape == [1, 6])
        #expect(try T.run1("Flatten", attributes: ["axis": .int(-1)], [input]).shape == [2, 3])
    }

    @Test func squeezeReadsAxesFromTheAttributeBeforeOpset13AndTheInputAfter() throws {
        let input = try T.floats([1, 3, 1], [1, 2, 3])
        let old = try T.run1("Squeeze", opset: 11, attributes: ["axes": .ints([0])], [input])
        #expect(old.shape == [3, 1])
        #expect(try T.run1("Squeeze", opset: 13, [input]).shape == [3])
        #expect(try T.run1("Squeeze", opset: 13, [input, T.ints([-1])]).shape == [1, 3])
    }

    @Test func squeezingADimensionOtherThanOneIsAnError() throws {
        let input = try T.floats([1, 3, 1], [1, 2, 3])
        #expect(throws: OperatorError("axis 1 of input [1, 3, 1] has size 3, not 1")) {
            try T.run1("Squeeze", [input, T.ints([1])])
        }
    }

    @Test func unsqueezeCountsAxesInTheOutput() throws {
        let input = try T.floats([3], [1, 2, 3])
        #expect(try T.run1("Unsqueeze", [input, T.ints([-1, 0])]).shape == [1, 3, 1])
        #expect(try T.run1("Unsqueeze", opset: 11, attributes: ["axes": .ints([1])], [input]).shape == [3, 1])
    }
}
