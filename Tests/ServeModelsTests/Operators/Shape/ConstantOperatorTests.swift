import Testing

@testable import ServeModels

@Suite struct ConstantOperatorTests {
    typealias T = OperatorTestSupport

    @Test func constantTakesEachAttributeForm() throws {
        let ints = try T.run1("Constant", attributes: ["value_ints": .ints([1, 2, 3])], [])
        let expected = try T.ints([1, 2, 3])
        #expect(ints == expected)
        let float = try T.run1("Constant", attributes: ["value_float": .float(2.5)], [])
        #expect(float == Tensor(scalar: Float(2.5)))
        let strings = try T.run1("Constant", attributes: ["value_strings": .strings(["a", "b"])], [])
        #expect(strings.shape == [2])
    }

    @Test func constantRefusesSparseValuesAndAmbiguity() throws {
        #expect(
            throws: OperatorError("Constant's sparse_value attribute is not supported (sparse tensors are not held)")
        ) {
            try T.run1("Constant", attributes: ["sparse_value": .tensor(Tensor(scalar: Float(1)))], [])
        }
        #expect(throws: OperatorError.self) {
            try T.run1("Constant", attributes: ["value_int": .int(1), "value_float": .float(1)], [])
        }
    }

    @Test func constantOfShapeRepeatsTheValue() throws {
        let value = try Tensor(shape: [1], values: [Int32(7)])
        let output = try T.run1("ConstantOfShape", attributes: ["value": .tensor(value)], [T.ints([2, 2])])
        #expect(output.shape == [2, 2])
        #expect(output.values(as: Int32.self) == [7, 7, 7, 7])
        #expect(try T.run1("ConstantOfShape", [T.ints([3])]).values(as: Float.self) == [0, 0, 0])
    }

    @Test func rangeStopsBeforeTheLimit() throws {
        let floats = try T.run1(
            "Range", [Tensor(scalar: Float(1)), Tensor(scalar: Float(2)), Tensor(scalar: Float(0.25))])
        #expect(floats.values(as: Float.self) == [1, 1.25, 1.5, 1.75])
        let ints = try T.run1(
            "Range", [Tensor(scalar: Int64(10)), Tensor(scalar: Int64(4)), Tensor(scalar: Int64(-3))])
        #expect(ints.values(as: Int64.self) == [10, 7])
    }

    @Test func eyeLikeShiftsTheDiagonalAndTakesADtype() throws {
        let input = try T.floats([2, 3], [0, 0, 0, 0, 0, 0])
        let output = try T.run1("EyeLike", attributes: ["k": .int(1), "dtype": .int(7)], [input])
        #expect(output.values(as: Int64.self) == [0, 1, 0, 0, 0, 1])
    }

    @Test func oneHotIgnoresIndicesOutOfRange() throws {
        let indices = try T.ints([0, -1, 5])
        let output = try T.run1("OneHot", [indices, Tensor(scalar: Float(3)), T.floats([2], [0, 1])])
        #expect(output.shape == [3, 3])
        #expect(output.values(as: Float.self) == [1, 0, 0, 0, 0, 1, 0, 0, 0])
    }

    @Test func nonZeroListsCoordinatesByDimension() throws {
        let output = try T.run1("NonZero", [T.floats([2, 2], [1, 0, 0, 3])])
        #expect(output.shape == [2, 2])
        #expect(output.values(as: Int64.self) == [0, 1, 0, 1])
    }

    @Test func shapeAndSize() throws {
        let input = try T.floats([2, 3, 4], Array(repeating: 0, count: 24))
        #expect(try T.run1("Shape", attributes: ["start": .int(-1)], [input]).values(as: Int64.self) == [4])
        #expect(try T.run1("Shape", attributes: ["end": .int(-1)], [input]).values(as: Int64.self) == [2, 3])
        #expect(try T.run1("Size", [input]) == Tensor(scalar: Int64(24)))
    }
}
