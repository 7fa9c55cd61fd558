import Testing

@testable import ServeModels

@Suite struct PadTileConcatOperatorTests {
    typealias T = OperatorTestSupport

    static func row() throws -> Tensor { try T.floats([1, 3], [1, 2, 3]) }

    @Test func reflectMirrorsWithoutRepeatingTheEdge() throws {
        let output = try T.run1("Pad", attributes: ["mode": .string("reflect")], [Self.row(), T.ints([0, 2, 0, 2])])
        #expect(output.values(as: Float.self) == [3, 2, 1, 2, 3, 2, 1])
    }

    @Test func edgeRepeatsTheEdge() throws {
        let output = try T.run1("Pad", attributes: ["mode": .string("edge")], [Self.row(), T.ints([0, 1, 0, 2])])
        #expect(output.values(as: Float.self) == [1, 1, 2, 3, 3, 3])
    }

    @Test func wrapContinuesFromTheOtherSide() throws {
        let output = try T.run1(
            "Pad", opset: 19, attributes: ["mode": .string("wrap")], [Self.row(), T.ints([0, 1, 0, 2])])
        #expect(output.values(as: Float.self) == [3, 1, 2, 3, 1, 2])
    }

    @Test func constantPadsWithTheValueAndNegativePadsCrop() throws {
        let output = try T.run1("Pad", [Self.row(), T.ints([0, -1, 0, 1]), T.floats([], [9])])
        #expect(output.values(as: Float.self) == [2, 3, 9])
    }

    @Test func padBeforeOpset11TakesAttributes() throws {
        let input = try Tensor(shape: [2], values: [Int32(4), 5])
        let attributes: [String: Attribute] = ["pads": .ints([1, 0]), "value": .float(7)]
        let output = try T.run1("Pad", opset: 2, attributes: attributes, [input])
        #expect(output.values(as: Int32.self) == [7, 4, 5])
    }

    @Test func padAxesPickTheAxes() throws {
        let input = try T.floats([2, 2], [1, 2, 3, 4])
        let output = try T.run1("Pad", opset: 18, [input, T.ints([1, 1]), nil, T.ints([-1])])
        #expect(output.shape == [2, 4])
        #expect(output.values(as: Float.self) == [0, 1, 2, 0, 0, 3, 4, 0])
    }

    @Test func tileRepeats() throws {
        let output = try T.run1("Tile", [T.floats([2], [1, 2]), T.ints([3])])
        #expect(output.values(as: Float.self) == [1, 2, 1, 2, 1, 2])
    }

    @Test func expandBroadcastsBothWays() throws {
        let output = try T.run1("Expand", [T.floats([3, 1], [1, 2, 3]), T.ints([2, 1, 2])])
        #expect(output.shape == [2, 3, 2])
        #expect(output.values(as: Float.self) == [1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3])
    }

    @Test func concatJoinsAlongTheAxis() throws {
        let left = try T.floats([2, 1], [1, 2])
        let right = try T.floats([2, 2], [3, 4, 5, 6])
        let output = try T.run1("Concat", attributes: ["axis": .int(1)], [left, right])
        #expect(output.shape == [2, 3])
        #expect(output.values(as: Float.self) == [1, 3, 4, 2, 5, 6])
        #expect(throws: OperatorError("input 1 is int64 but input 0 is float")) {
            try T.run1("Concat", attributes: ["axis": .int(0)], [T.floats([1], [1]), T.ints([2])])
        }
    }

    @Test func splitByNumOutputsMakesTheLastPartSmaller() throws {
        let input = try T.floats([7], (0..<7).map(Float.init))
        let parts = try T.run("Split", opset: 18, attributes: ["num_outputs": .int(3)], outputs: 3, [input])
        #expect(parts.map(\.shape) == [[3], [3], [1]])
        #expect(parts[2].values(as: Float.self) == [6])
    }

    @Test func splitBySizes() throws {
        let input = try T.floats([3], [1, 2, 3])
        let parts = try T.run("Split", opset: 13, outputs: 2, [input, T.ints([1, 2])])
        #expect(parts.map { $0.values(as: Float.self) ?? [] } == [[1], [2, 3]])
        let old = try T.run("Split", opset: 11, attributes: ["split": .ints([2, 1])], outputs: 2, [input])
        #expect(old.map(\.shape) == [[2], [1]])
    }
}
