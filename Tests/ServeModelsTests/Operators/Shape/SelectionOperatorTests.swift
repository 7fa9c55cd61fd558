import Testing

@testable import ServeModels

@Suite struct SelectionOperatorTests {
    typealias T = OperatorTestSupport

    @Test func topKBreaksTiesByIndex() throws {
        let outputs = try T.run("TopK", outputs: 2, [T.floats([4], [1, 3, 3, 2]), T.ints([2])])
        #expect(outputs[0].values(as: Float.self) == [3, 3])
        #expect(outputs[1].values(as: Int64.self) == [1, 2])
        let smallest = try T.run(
            "TopK", attributes: ["largest": .int(0)], outputs: 2, [T.floats([4], [1, 3, 3, 2]), T.ints([1])])
        #expect(smallest[1].values(as: Int64.self) == [0])
    }

    @Test func topKAlongTheFirstAxis() throws {
        let input = try T.floats([3, 2], [1, 6, 5, 2, 3, 4])
        let outputs = try T.run("TopK", attributes: ["axis": .int(0)], outputs: 2, [input, T.ints([2])])
        #expect(outputs[0].values(as: Float.self) == [5, 6, 3, 4])
        #expect(outputs[1].values(as: Int64.self) == [1, 0, 2, 2])
        #expect(throws: OperatorError("k is 4; axis 0 of input [3, 2] has 3 elements")) {
            try T.run("TopK", attributes: ["axis": .int(0)], outputs: 2, [input, T.ints([4])])
        }
    }

    @Test func argMaxPicksTheFirstOrLastOfEquals() throws {
        let input = try T.floats([2, 3], [1, 3, 3, 4, 0, 4])
        let first = try T.run1("ArgMax", attributes: ["axis": .int(1)], [input])
        #expect(first.shape == [2, 1])
        #expect(first.values(as: Int64.self) == [1, 0])
        let last = try T.run1("ArgMax", attributes: ["axis": .int(1), "select_last_index": .int(1)], [input])
        #expect(last.values(as: Int64.self) == [2, 2])
    }

    @Test func argMinWithoutKeepdims() throws {
        let input = try T.floats([2, 3], [1, 3, 3, 4, 0, 4])
        let output = try T.run1("ArgMin", attributes: ["keepdims": .int(0)], [input])
        #expect(output.shape == [3])
        #expect(output.values(as: Int64.self) == [0, 1, 0])
    }

    @Test func triluKeepsATriangle() throws {
        let square = try Tensor(shape: [3, 3], values: (1...9).map { Int64($0) })
        let lower = try T.run1("Trilu", attributes: ["upper": .int(0)], [square, Tensor(scalar: Int64(-1))])
        #expect(lower.values(as: Int64.self) == [0, 0, 0, 4, 0, 0, 7, 8, 0])
        let upper = try T.run1("Trilu", [T.floats([2, 3], [1, 2, 3, 4, 5, 6])])
        #expect(upper.values(as: Float.self) == [1, 2, 3, 0, 5, 6])
    }

    @Test func cumSumExclusiveAndReverse() throws {
        let attributes: [String: Attribute] = ["exclusive": .int(1), "reverse": .int(1)]
        let output = try T.run1(
            "CumSum", attributes: attributes, [T.floats([3], [1, 2, 3]), Tensor(scalar: Int32(0))])
        #expect(output.values(as: Float.self) == [5, 3, 0])
        let matrix = try Tensor(shape: [2, 2], values: [Int32(1), 2, 3, 4])
        let rows = try T.run1("CumSum", [matrix, Tensor(scalar: Int64(1))])
        #expect(rows.values(as: Int32.self) == [1, 3, 3, 7])
    }
}
