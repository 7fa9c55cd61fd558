import Testing

@testable import ServeModels

@Suite struct ResizeTests {
    typealias T = OperatorTestSupport

    @Test func nearestDoublesEachElement() throws {
        let output = try T.run1(
            "Resize", opset: 13, attributes: ["mode": .string("nearest")],
            [T.counting([1, 2]), nil, T.floats([2], [1, 2])])
        #expect(output.shape == [1, 4])
        #expect(output.values(as: Float.self) == [1, 1, 2, 2])
    }

    @Test func linearHalfPixelInterpolates() throws {
        // Output x maps to (x + 0.5) / 2 − 0.5: −0.25, 0.25, 0.75, 1.25, clamped at the ends.
        let output = try T.run1(
            "Resize", opset: 13, attributes: ["mode": .string("linear")],
            [T.floats([2], [0, 4]), nil, T.floats([1], [2])])
        #expect(output.values(as: Float.self) == [0, 1, 3, 4])
    }

    @Test func alignCornersKeepsTheEnds() throws {
        let output = try T.run1(
            "Resize", opset: 13,
            attributes: ["mode": .string("linear"), "coordinate_transformation_mode": .string("align_corners")],
            [T.floats([2], [0, 3]), nil, nil, Tensor(shape: [1], values: [Int64(4)])])
        #expect(T.close(output, [0, 1, 2, 3]))
    }

    @Test func nearestWorksOnIntegers() throws {
        let input = try Tensor(shape: [2], values: [Int64(7), 9])
        let output = try T.run1("Resize", opset: 13, [input, nil, nil, Tensor(shape: [1], values: [Int64(3)])])
        // half_pixel, round_prefer_floor: x → (x + 0.5) · 2/3 − 0.5 = −0.17, 0.5, 1.17 → 0, 0, 1.
        #expect(output.values(as: Int64.self) == [7, 7, 9])
    }

    @Test func upsampleBeforeOpset9ReadsTheScalesAttribute() throws {
        let output = try T.run1(
            "Upsample", opset: 7, attributes: ["scales": .floats([1, 3])], [T.counting([1, 2])])
        #expect(output.values(as: Float.self) == [1, 1, 1, 2, 2, 2])
    }

    @Test func resizeTakesScalesOrSizesNotBoth() throws {
        let sizes = try Tensor(shape: [1], values: [Int64(4)])
        #expect(throws: OperatorError("Resize takes scales (input 2) or sizes (input 3), not both")) {
            try T.run1("Resize", opset: 13, [T.counting([2]), nil, T.floats([1], [2]), sizes])
        }
    }
}
