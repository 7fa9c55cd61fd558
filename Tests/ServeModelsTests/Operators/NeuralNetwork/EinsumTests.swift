import Testing

@testable import ServeModels

@Suite struct EinsumTests {
    typealias T = OperatorTestSupport

    @Test func einsumMultipliesMatrices() throws {
        let output = try T.run1(
            "Einsum", opset: 12, attributes: ["equation": .string("ij,jk->ik")],
            [T.counting([2, 3]), T.counting([3, 2])])
        #expect(output.values(as: Float.self) == [22, 28, 49, 64])
    }

    @Test func einsumTracesAndTransposes() throws {
        let square = try T.counting([2, 2])
        #expect(
            try T.run1("Einsum", opset: 12, attributes: ["equation": .string("ii")], [square]).values(as: Float.self)
                == [5])
        let transposed = try T.run1("Einsum", opset: 12, attributes: ["equation": .string("ij->ji")], [square])
        #expect(transposed.values(as: Float.self) == [1, 3, 2, 4])
    }

    @Test func einsumImplicitOutputSortsTheLabels() throws {
        // "ba" alone keeps both labels, in alphabetical order: a transpose.
        let output = try T.run1("Einsum", opset: 12, attributes: ["equation": .string("ba")], [T.counting([2, 3])])
        #expect(output.shape == [3, 2])
        #expect(output.values(as: Float.self) == [1, 4, 2, 5, 3, 6])
    }

    @Test func einsumBroadcastsTheEllipsis() throws {
        let output = try T.run1(
            "Einsum", opset: 12, attributes: ["equation": .string("...i,i->...")],
            [T.counting([2, 2]), T.floats([2], [1, -1])])
        #expect(output.values(as: Float.self) == [-1, -1])
    }

    @Test func einsumRefusesABadEquation() throws {
        #expect(throws: OperatorError("equation 'ij->k' has an output label no operand has")) {
            try T.run1("Einsum", opset: 12, attributes: ["equation": .string("ij->k")], [T.counting([2, 2])])
        }
    }
}
