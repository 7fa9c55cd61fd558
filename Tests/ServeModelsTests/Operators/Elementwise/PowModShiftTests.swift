import Testing

@testable import ServeModels

@Suite struct PowModShiftTests {
    typealias Support = OperatorTestSupport

    @Test func modTakesTheDivisorsSignUnlessFmod() throws {
        let a = try Tensor(shape: [4], values: [-4, 7, 5, -5] as [Int32])
        let b = try Tensor(shape: [4], values: [3, -3, 3, -3] as [Int32])
        // Python's %: -4 % 3 = 2, 7 % -3 = -2, 5 % 3 = 2, -5 % -3 = -2.
        #expect(try Support.run1("Mod", [a, b]).values(as: Int32.self) == [2, -2, 2, -2])
        // C's fmod: the dividend's sign.
        let truncated = try Support.run1("Mod", attributes: ["fmod": .int(1)], [a, b])
        #expect(truncated.values(as: Int32.self) == [-1, 1, 2, -2])
    }

    @Test func floatModWithFmod() throws {
        let a = try Support.floats([3], [-4.5, 7.5, 5])
        let b = try Support.floats([3], [2, -2, 0.75])
        let result = try Support.run1("Mod", attributes: ["fmod": .int(1)], [a, b])
        #expect(result.values(as: Float.self) == [-0.5, 1.5, 0.5])
        #expect(try Support.run1("Mod", [a, b]).values(as: Float.self) == [1.5, -0.5, 0.5])
    }

    @Test func fmodMustBeZeroOrOne() throws {
        #expect(throws: OperatorError("attribute 'fmod' is 2; it must be 0 or 1")) {
            try Support.run1("Mod", attributes: ["fmod": .int(2)], [])
        }
    }

    @Test func powKeepsTheBasesType() throws {
        let base = try Tensor(shape: [3], values: [2, 3, -2] as [Int64])
        let exponent = try Support.floats([3], [3, 0.5, 2])
        // 3^0.5 = 1.73… truncates to 1.
        #expect(try Support.run1("Pow", [base, exponent]).values(as: Int64.self) == [8, 1, 4])
        let square = try Support.run1("Pow", [Support.floats([3], [1.5, -2, 3]), Tensor(scalar: Float(2))])
        #expect(square.values(as: Float.self) == [2.25, 4, 9])
    }

    @Test func bitShiftsBothWays() throws {
        let x = try Tensor(shape: [3], values: [16, 4, 1] as [UInt8])
        let y = try Tensor(shape: [3], values: [1, 2, 8] as [UInt8])
        let left = try Support.run1("BitShift", attributes: ["direction": .string("LEFT")], [x, y])
        #expect(left.values(as: UInt8.self) == [32, 16, 0])
        let right = try Support.run1("BitShift", attributes: ["direction": .string("RIGHT")], [x, y])
        #expect(right.values(as: UInt8.self) == [8, 1, 0])
    }
}
