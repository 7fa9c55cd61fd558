import Testing

@testable import ServeModels

@Suite struct BroadcastingTests {
    @Test func shapesBroadcastAsNumPysDo() {
        #expect(Broadcasting.shape([2, 3, 4], [4]) == [2, 3, 4])
        #expect(Broadcasting.shape([2, 1, 4], [3, 1]) == [2, 3, 4])
        #expect(Broadcasting.shape([], [5]) == [5])
        #expect(Broadcasting.shape([2, 3], [4]) == nil)
    }

    @Test func eachOutputElementReadsItsSource() {
        // A [2, 1] column against a [1, 3] row: the column repeats along rows, the row down columns.
        #expect(Broadcasting.sourceIndices(of: [2, 1], in: [2, 3]) == [0, 0, 0, 1, 1, 1])
        #expect(Broadcasting.sourceIndices(of: [1, 3], in: [2, 3]) == [0, 1, 2, 0, 1, 2])
    }
}
