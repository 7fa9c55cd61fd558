import Testing

@testable import ServeModels

@Suite struct ComparisonTests {
    typealias Support = OperatorTestSupport

    @Test func comparisonsBroadcastAndGiveBools() throws {
        let a = try Support.floats([2, 2], [1, 2, 3, 4])
        let b = try Support.floats([2], [2, 3])
        #expect(try Support.run1("Less", [a, b]).values(as: Bool.self) == [true, true, false, false])
        #expect(try Support.run1("LessOrEqual", [a, b]).values(as: Bool.self) == [true, true, false, false])
        #expect(try Support.run1("GreaterOrEqual", [a, b]).values(as: Bool.self) == [false, false, true, true])
        #expect(try Support.run1("Equal", [a, b]).values(as: Bool.self) == [false, false, false, false])
    }

    @Test func nanEqualsNothing() throws {
        let a = try Support.floats([2], [.nan, 1])
        #expect(try Support.run1("Equal", [a, a]).values(as: Bool.self) == [false, true])
    }

    @Test func equalComparesStrings() throws {
        let a = try Tensor(shape: [2], values: ["cat", "dog"])
        let b = try Tensor(shape: [], values: ["dog"])
        #expect(try Support.run1("Equal", opset: 19, [a, b]).values(as: Bool.self) == [false, true])
    }

    @Test func logicOnBools() throws {
        let a = try Tensor(shape: [2, 2], values: [true, true, false, false])
        let b = try Tensor(shape: [2], values: [true, false])
        #expect(try Support.run1("And", [a, b]).values(as: Bool.self) == [true, false, false, false])
        #expect(try Support.run1("Or", [a, b]).values(as: Bool.self) == [true, true, true, false])
        #expect(try Support.run1("Xor", [a, b]).values(as: Bool.self) == [false, true, true, false])
        #expect(try Support.run1("Not", [b]).values(as: Bool.self) == [false, true])
    }

    @Test func whereBroadcastsAllThreeInputs() throws {
        let condition = try Tensor(shape: [2, 1], values: [true, false])
        let x = try Support.floats([3], [1, 2, 3])
        let y = try Support.floats([], [0])
        let chosen = try Support.run1("Where", [condition, x, y])
        #expect(chosen.shape == [2, 3])
        #expect(chosen.values(as: Float.self) == [1, 2, 3, 0, 0, 0])
    }

    @Test func isInfCanDetectOneSign() throws {
        let x = try Support.floats([4], [.infinity, -.infinity, .nan, 1])
        #expect(try Support.run1("IsInf", [x]).values(as: Bool.self) == [true, true, false, false])
        let negative = try Support.run1("IsInf", attributes: ["detect_positive": .int(0)], [x])
        #expect(negative.values(as: Bool.self) == [false, true, false, false])
        #expect(try Support.run1("IsNaN", [x]).values(as: Bool.self) == [false, false, true, false])
    }
}
