import Testing

@testable import ServeModels

@Suite struct TransposeSliceOperatorTests {
    typealias T = OperatorTestSupport

    @Test func transposeReversesAxesByDefault() throws {
        let output = try T.run1("Transpose", [T.floats([2, 3], [0, 1, 2, 3, 4, 5])])
        #expect(output.shape == [3, 2])
        #expect(output.values(as: Float.self) == [0, 3, 1, 4, 2, 5])
    }

    @Test func transposeFollowsPerm() throws {
        let input = try T.floats([1, 2, 2], [1, 2, 3, 4])
        let output = try T.run1("Transpose", attributes: ["perm": .ints([0, 2, 1])], [input])
        #expect(output.values(as: Float.self) == [1, 3, 2, 4])
        #expect(throws: OperatorError.self) {
            try T.run1("Transpose", attributes: ["perm": .ints([0, 0, 1])], [input])
        }
    }

    @Test func transposeMovesStringsToo() throws {
        let input = try Tensor(shape: [2, 2], values: ["a", "b", "c", "d"])
        #expect(try T.run1("Transpose", [input]).values(as: String.self) == ["a", "c", "b", "d"])
    }

    @Test func sliceWalksBackwardsWithANegativeStepAndClampsTheEnd() throws {
        let input = try T.floats([10], (0..<10).map(Float.init))
        let output = try T.run1("Slice", [input, T.ints([8]), T.ints([-100]), T.ints([0]), T.ints([-3])])
        #expect(output.values(as: Float.self) == [8, 5, 2])
    }

    @Test func sliceClampsAHugeEnd() throws {
        let input = try T.floats([5], [0, 1, 2, 3, 4])
        let output = try T.run1("Slice", [input, T.ints([2]), T.ints([Int64.max])])
        #expect(output.values(as: Float.self) == [2, 3, 4])
    }

    @Test func sliceBeforeOpset10TakesAttributes() throws {
        let input = try T.floats([2, 3], [0, 1, 2, 3, 4, 5])
        let attributes: [String: Attribute] = ["starts": .ints([0, 1]), "ends": .ints([1, 1000])]
        let output = try T.run1("Slice", opset: 9, attributes: attributes, [input])
        #expect(output.shape == [1, 2])
        #expect(output.values(as: Float.self) == [1, 2])
    }

    @Test func aZeroStepIsAnError() throws {
        let input = try T.floats([3], [0, 1, 2])
        #expect(throws: OperatorError("Slice's step on axis 0 is 0")) {
            try T.run1("Slice", [input, T.ints([0]), T.ints([3]), T.ints([0]), T.ints([0])])
        }
    }

    @Test func depthToSpaceAndSpaceToDepthAreInverses() throws {
        let channels = try T.floats([1, 4, 1, 1], [0, 1, 2, 3])
        let space = try T.run1("DepthToSpace", attributes: ["blocksize": .int(2)], [channels])
        #expect(space.shape == [1, 1, 2, 2])
        #expect(space.values(as: Float.self) == [0, 1, 2, 3])
        let back = try T.run1("SpaceToDepth", attributes: ["blocksize": .int(2)], [space])
        #expect(back == channels)
    }
}

@Suite struct EmptyTensorShapeTests {
    typealias T = OperatorTestSupport

    /// A tensor with no elements may still name a huge dimension; moving it must not build tables that long.
    static func empty() throws -> Tensor { try T.floats([0, 1 << 62], []) }

    @Test func emptyTensorsKeepTheirShapes() throws {
        #expect(try T.run1("Transpose", [Self.empty()]).shape == [1 << 62, 0])
        #expect(
            try T.run1("Slice", [Self.empty(), T.ints([1]), T.ints([-1]), T.ints([1])]).shape == [0, (1 << 62) - 2])
        #expect(
            try T.run1("Concat", attributes: ["axis": .int(0)], [Self.empty(), Self.empty()]).shape == [0, 1 << 62])
        let parts = try T.run("Split", opset: 13, attributes: ["axis": .int(1)], outputs: 2, [Self.empty()])
        #expect(parts.map(\.shape) == [[0, 1 << 61], [0, 1 << 61]])
    }
}
