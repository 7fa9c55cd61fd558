import Testing

@testable import ServeModels

@Suite struct BroadcastPlanTests {
    @Test func equalShapesMakeOneRow() throws {
        let plan = try ElementwiseBroadcastPlan([[2, 3, 4], [2, 3, 4]])
        #expect(plan.rowCount == 1)
        #expect(plan.rowLength == 24)
        #expect(plan.steps == [1, 1])
        // Leading 1s do not change the elements' order: still one row.
        let padded = try ElementwiseBroadcastPlan([[1, 1, 4], [4], []])
        #expect(padded.shape == [1, 1, 4])
        #expect(padded.rowCount == 1)
        #expect(padded.steps == [1, 1, 0])
    }

    @Test func aTrailingVectorRepeatsPerRow() throws {
        let plan = try ElementwiseBroadcastPlan([[2, 3], [3]])
        #expect(plan.rowCount == 2)
        #expect(plan.rowLength == 3)
        #expect(plan.steps == [1, 1])
        #expect(plan.rowStarts == [[0, 3], [0, 0]])
    }

    @Test func aPerChannelScalarRepeatsAlongItsRow() throws {
        // [N, C, H, W] against [C, 1, 1]: rows of H·W, the second operand one element per row.
        let plan = try ElementwiseBroadcastPlan([[2, 3, 2, 2], [3, 1, 1]])
        #expect(plan.rowCount == 6)
        #expect(plan.rowLength == 4)
        #expect(plan.steps == [1, 0])
        #expect(plan.rowStarts == [[0, 4, 8, 12, 16, 20], [0, 1, 2, 0, 1, 2]])
        let sums = plan.combine(Array(0..<24), [100, 200, 300], +)
        #expect(sums[0..<4] == [100, 101, 102, 103])
        #expect(sums[20..<24] == [320, 321, 322, 323])
    }

    @Test func emptyAndScalarShapes() throws {
        let empty = try ElementwiseBroadcastPlan([[0, 3], [3]])
        #expect(empty.count == 0)
        #expect(empty.combine([Float](), [1, 2, 3] as [Float], +).isEmpty)
        let scalar = try ElementwiseBroadcastPlan([[], [1, 1]])
        #expect(scalar.shape == [1, 1])
        #expect(scalar.combine([2] as [Float], [3] as [Float], *) == [6])
    }
}
