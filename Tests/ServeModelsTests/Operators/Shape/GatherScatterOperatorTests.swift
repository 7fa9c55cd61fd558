import Testing

@testable import ServeModels

@Suite struct GatherScatterOperatorTests {
    typealias T = OperatorTestSupport

    @Test func gatherPutsTheIndicesShapeInPlaceOfTheAxis() throws {
        let data = try T.floats([3, 2], [1, 2, 3, 4, 5, 6])
        let indices = try Tensor(shape: [1, 2], values: [Int64(-1), 0])
        let output = try T.run1("Gather", [data, indices])
        #expect(output.shape == [1, 2, 2])
        #expect(output.values(as: Float.self) == [5, 6, 1, 2])
    }

    @Test func gatherWithAScalarIndexDropsTheAxis() throws {
        let data = try T.floats([3, 2], [1, 2, 3, 4, 5, 6])
        let output = try T.run1("Gather", attributes: ["axis": .int(1)], [data, Tensor(scalar: Int32(1))])
        #expect(output.shape == [3])
        #expect(output.values(as: Float.self) == [2, 4, 6])
    }

    @Test func gatherRefusesAnIndexOutOfRange() throws {
        let data = try T.floats([3], [1, 2, 3])
        #expect(throws: OperatorError("index 3 is out of range for axis 0 of size 3")) {
            try T.run1("Gather", [data, T.ints([3])])
        }
    }

    @Test func gatherElementsReplacesTheAxisCoordinate() throws {
        let data = try T.floats([2, 2], [1, 2, 3, 4])
        let indices = try Tensor(shape: [2, 2], values: [Int64(0), 0, 1, 0])
        let output = try T.run1("GatherElements", attributes: ["axis": .int(1)], [data, indices])
        #expect(output.values(as: Float.self) == [1, 1, 4, 3])
    }

    @Test func gatherNDIndexesWithinEachBatch() throws {
        let data = try T.floats([2, 2, 2], (0..<8).map(Float.init))
        let indices = try Tensor(shape: [2, 1], values: [Int64(1), 0])
        let output = try T.run1("GatherND", attributes: ["batch_dims": .int(1)], [data, indices])
        #expect(output.shape == [2, 2])
        #expect(output.values(as: Float.self) == [2, 3, 4, 5])
    }

    @Test func scatterElementsAddsDuplicates() throws {
        let data = try T.floats([1, 5], [1, 2, 3, 4, 5])
        let indices = try Tensor(shape: [1, 2], values: [Int64(1), 1])
        let updates = try T.floats([1, 2], [10, 20])
        let attributes: [String: Attribute] = ["axis": .int(1), "reduction": .string("add")]
        let output = try T.run1("ScatterElements", opset: 16, attributes: attributes, [data, indices, updates])
        #expect(output.values(as: Float.self) == [1, 32, 3, 4, 5])
    }

    @Test func scatterNDMultiplies() throws {
        let data = try T.floats([4], [1, 2, 3, 4])
        let indices = try Tensor(shape: [3, 1], values: [Int64(1), 1, 3])
        let updates = try T.floats([3], [2, 5, 10])
        let output = try T.run1(
            "ScatterND", opset: 16, attributes: ["reduction": .string("mul")], [data, indices, updates])
        #expect(output.values(as: Float.self) == [1, 20, 3, 40])
    }

    @Test func scatterWritesStrings() throws {
        let data = try Tensor(shape: [3], values: ["a", "b", "c"])
        let updates = try Tensor(shape: [1], values: ["z"])
        let output = try T.run1("Scatter", opset: 10, [data, T.ints([2]), updates])
        #expect(output.values(as: String.self) == ["a", "b", "z"])
    }

    @Test func scatterNDChecksTheUpdatesShape() throws {
        let data = try T.floats([4], [1, 2, 3, 4])
        let indices = try Tensor(shape: [1, 1], values: [Int64(0)])
        #expect(throws: OperatorError("input 2 (updates) has shape [2]; ScatterND needs [1]")) {
            try T.run1("ScatterND", [data, indices, T.floats([2], [1, 2])])
        }
    }

    @Test func compressWithoutAxisFlattens() throws {
        let data = try T.floats([2, 2], [1, 2, 3, 4])
        let condition = try Tensor(shape: [3], values: [false, true, true])
        #expect(try T.run1("Compress", [data, condition]).values(as: Float.self) == [2, 3])
        let tooLong = try Tensor(shape: [3], values: [false, false, true])
        #expect(throws: OperatorError.self) {
            try T.run1("Compress", attributes: ["axis": .int(0)], [data, tooLong])
        }
    }
}
