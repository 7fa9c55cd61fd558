import Testing

@testable import ServeModels

@Suite struct UnaryMathTests {
    typealias Support = OperatorTestSupport

    @Test func roundingFunctions() throws {
        let x = try Support.floats([6], [0.5, 1.5, 2.5, -0.5, -1.2, 1.2])
        #expect(try Support.run1("Round", [x]).values(as: Float.self) == [0, 2, 2, -0, -1, 1])
        #expect(try Support.run1("Floor", [x]).values(as: Float.self) == [0, 1, 2, -1, -2, 1])
        #expect(try Support.run1("Ceil", [x]).values(as: Float.self) == [1, 2, 3, -0, -1, 2])
    }

    @Test func signAbsAndNegOfIntegers() throws {
        let x = try Tensor(shape: [3], values: [-5, 0, 7] as [Int32])
        #expect(try Support.run1("Sign", [x]).values(as: Int32.self) == [-1, 0, 1])
        #expect(try Support.run1("Abs", [x]).values(as: Int32.self) == [5, 0, 7])
        #expect(try Support.run1("Neg", [x]).values(as: Int32.self) == [5, 0, -7])
    }

    @Test func transcendentalFunctions() throws {
        let x = try Support.floats([3], [0, 1, -1])
        #expect(Support.close(try Support.run1("Exp", [x]), [1, 2.718_281_8, 0.367_879_44]))
        #expect(Support.close(try Support.run1("Erf", [x]), [0, 0.842_700_8, -0.842_700_8]))
        #expect(Support.close(try Support.run1("Tanh", [x]), [0, 0.761_594_2, -0.761_594_2]))
        #expect(Support.close(try Support.run1("Atan", [x]), [0, 0.785_398_2, -0.785_398_2]))
        let positive = try Support.floats([3], [1, 4, 0.25])
        #expect(Support.close(try Support.run1("Sqrt", [positive]), [1, 2, 0.5]))
        #expect(Support.close(try Support.run1("Log", [positive]), [0, 1.386_294_4, -1.386_294_4]))
        #expect(Support.close(try Support.run1("Reciprocal", [positive]), [1, 0.25, 4]))
    }

    @Test func expSaturatesAndKeepsNaN() throws {
        let x = try Support.floats([4], [100, -200, .nan, 88.5])
        #expect(Support.close(try Support.run1("Exp", [x]), [.infinity, 0, .nan, 2.723_088e38]))
    }

    @Test func floatOnlyFunctionsRefuseIntegers() throws {
        let x = try Tensor(shape: [1], values: [1] as [Int32])
        #expect(throws: OperatorError.unsupportedType(.int32)) { try Support.run1("Exp", [x]) }
    }
}
