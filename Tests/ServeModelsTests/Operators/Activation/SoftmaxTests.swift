import Testing

@testable import ServeModels

@Suite struct SoftmaxTests {
    typealias Support = OperatorTestSupport

    @Test func opset13WorksAlongOneAxis() throws {
        // ln 3 apart: e^0 : e^ln3 = 1 : 3.
        let x = try Support.floats([2, 2], [0, 1.098_612_3, 5, 5])
        #expect(Support.close(try Support.run1("Softmax", opset: 13, [x]), [0.25, 0.75, 0.5, 0.5]))
        // Along axis 0 instead: columns (0, 5) and (ln 3, 5).
        let columns = try Support.run1("Softmax", opset: 13, attributes: ["axis": .int(0)], [x])
        #expect(Support.close(columns, [0.006_692_851, 0.019_813_34, 0.993_307_2, 0.980_186_7]))
    }

    @Test func beforeOpset13TheInputFlattensAtAxis() throws {
        // Shape [1, 2, 2] with the default axis 1 is one row of four: every element gets a quarter; from
        // opset 13 the default axis -1 makes pairs, each element a half.
        let x = try Support.floats([1, 2, 2], [7, 7, 7, 7])
        #expect(Support.close(try Support.run1("Softmax", opset: 11, [x]), [0.25, 0.25, 0.25, 0.25]))
        #expect(Support.close(try Support.run1("Softmax", opset: 13, [x]), [0.5, 0.5, 0.5, 0.5]))
        #expect(Support.close(try Support.run1("LogSoftmax", opset: 11, [x]), Array(repeating: -1.386_294_4, count: 4)))
    }

    @Test func largeInputsDoNotOverflow() throws {
        let x = try Support.floats([1, 3], [1000, 1000, 1000])
        let third: Float = 1 / 3
        #expect(Support.close(try Support.run1("Softmax", opset: 13, [x]), [third, third, third]))
    }

    @Test func hardmaxMarksTheFirstMaximum() throws {
        let x = try Support.floats([2, 4], [1, 3, 3, 2, 0, 0, 0, 0])
        #expect(try Support.run1("Hardmax", opset: 13, [x]).values(as: Float.self) == [0, 1, 0, 0, 1, 0, 0, 0])
        let down = try Support.run1("Hardmax", opset: 13, attributes: ["axis": .int(0)], [x])
        #expect(down.values(as: Float.self) == [1, 1, 1, 1, 0, 0, 0, 0])
    }

    @Test func axisOutOfRangeIsAnError() throws {
        let x = try Support.floats([2, 2], [1, 2, 3, 4])
        #expect(throws: OperatorError("attribute 'axis' is 2; it must be in [-2, 1] for rank 2")) {
            try Support.run1("Softmax", opset: 13, attributes: ["axis": .int(2)], [x])
        }
    }
}
