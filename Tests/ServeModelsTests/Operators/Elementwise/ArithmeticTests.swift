import Testing

@testable import ServeModels

@Suite struct ArithmeticTests {
    typealias Support = OperatorTestSupport

    @Test func addBroadcastsARowOverAMatrix() throws {
        let a = try Support.floats([2, 3], [1, 2, 3, 4, 5, 6])
        let b = try Support.floats([3], [10, 20, 30])
        let sum = try Support.run1("Add", [a, b])
        #expect(sum.shape == [2, 3])
        #expect(sum.values(as: Float.self) == [11, 22, 33, 14, 25, 36])
    }

    @Test func subBroadcastsAColumnAgainstARow() throws {
        // [2, 1] - [1, 3] makes [2, 3]: each row subtracts the whole row vector from its one element.
        let a = try Support.floats([2, 1], [10, 20])
        let b = try Support.floats([1, 3], [1, 2, 3])
        let difference = try Support.run1("Sub", [a, b])
        #expect(difference.shape == [2, 3])
        #expect(difference.values(as: Float.self) == [9, 8, 7, 19, 18, 17])
    }

    @Test func integerDivisionTruncatesTowardZero() throws {
        let a = try Tensor(shape: [4], values: [7, -7, 7, -7] as [Int32])
        let b = try Tensor(shape: [4], values: [2, 2, -2, -2] as [Int32])
        #expect(try Support.run1("Div", [a, b]).values(as: Int32.self) == [3, -3, -3, 3])
    }

    @Test func integerDivisionByZeroIsAnError() throws {
        let a = try Tensor(shape: [2], values: [1, 2] as [Int64])
        let b = try Tensor(shape: [2], values: [1, 0] as [Int64])
        #expect(throws: OperatorError("input 1 holds a zero: integer division by zero")) {
            try Support.run1("Div", [a, b])
        }
    }

    @Test func shapesThatDoNotBroadcastAreNamed() throws {
        let a = try Support.floats([2, 3], [1, 2, 3, 4, 5, 6])
        let b = try Support.floats([2], [1, 2])
        #expect(throws: OperatorError("inputs of shapes [2, 3], [2] do not broadcast together")) {
            try Support.run1("Mul", [a, b])
        }
    }

    @Test func mixedTypesAreAnError() throws {
        let a = try Support.floats([1], [1])
        let b = try Tensor(shape: [1], values: [1] as [Int64])
        #expect(throws: OperatorError("inputs 0 and 1 are float and int64 tensors; they must be of one type")) {
            try Support.run1("Add", [a, b])
        }
    }

    @Test func opset6BroadcastsFromAxis() throws {
        // Before opset 7, B of shape [2] lines up with A's axis 0 when broadcast = 1 and axis = 0.
        let a = try Support.floats([2, 3], [1, 2, 3, 4, 5, 6])
        let b = try Support.floats([2], [100, 200])
        let sum = try Support.run1("Add", opset: 6, attributes: ["broadcast": .int(1), "axis": .int(0)], [a, b])
        #expect(sum.values(as: Float.self) == [101, 102, 103, 204, 205, 206])
    }

    @Test func variadicOperatorsBroadcastAllInputs() throws {
        let a = try Support.floats([3], [1, 5, 3])
        let b = try Support.floats([1], [2])
        let c = try Support.floats([2, 1], [0, 4])
        #expect(try Support.run1("Max", [a, b, c]).values(as: Float.self) == [2, 5, 3, 4, 5, 4])
        #expect(try Support.run1("Min", [a, b, c]).values(as: Float.self) == [0, 0, 0, 1, 2, 2])
        #expect(try Support.run1("Sum", [a, b, c]).values(as: Float.self) == [3, 7, 5, 7, 11, 9])
        #expect(try Support.run1("Mean", [a, b]).values(as: Float.self) == [1.5, 3.5, 2.5])
    }

    @Test func maxPropagatesNaN() throws {
        let a = try Support.floats([2], [.nan, 1])
        let b = try Support.floats([2], [1, .nan])
        let result = try Support.run1("Max", [a, b]).values(as: Float.self) ?? []
        #expect(result.count == 2 && result.allSatisfy(\.isNaN))
    }
}
