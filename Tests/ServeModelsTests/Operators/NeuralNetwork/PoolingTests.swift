import Testing

@testable import ServeModels

@Suite struct PoolingTests {
    typealias T = OperatorTestSupport

    @Test func maxPoolTakesEachWindowsMaximumAndItsIndex() throws {
        // 1…16 in 4 × 4, 2 × 2 windows with stride 2.
        let outputs = try T.run(
            "MaxPool", attributes: ["kernel_shape": .ints([2, 2]), "strides": .ints([2, 2])], outputs: 2,
            [T.counting([1, 1, 4, 4])])
        #expect(outputs[0].shape == [1, 1, 2, 2])
        #expect(outputs[0].values(as: Float.self) == [6, 8, 14, 16])
        #expect(outputs[1].values(as: Int64.self) == [5, 7, 13, 15])
    }

    @Test func maxPoolColumnMajorIndices() throws {
        let outputs = try T.run(
            "MaxPool",
            attributes: ["kernel_shape": .ints([2, 2]), "strides": .ints([2, 2]), "storage_order": .int(1)],
            outputs: 2, [T.counting([1, 1, 4, 4])])
        // Row 1, column 1 is 1 + 1 · 4 = 5 in column-major order.
        #expect(outputs[1].values(as: Int64.self) == [5, 13, 7, 15])
    }

    @Test func maxPoolCeilModeAddsAPartialWindow() throws {
        let output = try T.run1(
            "MaxPool", attributes: ["kernel_shape": .ints([2]), "strides": .ints([2]), "ceil_mode": .int(1)],
            [T.counting([1, 1, 5])])
        #expect(output.values(as: Float.self) == [2, 4, 5])
    }

    @Test func averagePoolCountsPaddingOnlyWhenAsked() throws {
        let input = try T.counting([1, 1, 3])
        let attributes: [String: Attribute] = ["kernel_shape": .ints([2]), "pads": .ints([1, 1])]
        // Windows [pad, 1], [1, 2], [2, 3], [3, pad].
        #expect(try T.run1("AveragePool", attributes: attributes, [input]).values(as: Float.self) == [1, 1.5, 2.5, 3])
        var including = attributes
        including["count_include_pad"] = .int(1)
        #expect(
            try T.run1("AveragePool", attributes: including, [input]).values(as: Float.self) == [0.5, 1.5, 2.5, 1.5])
    }

    @Test func lpPoolTakesTheNorm() throws {
        let output = try T.run1("LpPool", attributes: ["kernel_shape": .ints([2])], [T.floats([1, 1, 2], [3, 4])])
        #expect(output.values(as: Float.self) == [5])
    }

    @Test func globalPoolsReduceEachPlane() throws {
        let input = try T.counting([1, 2, 2, 2])
        let average = try T.run1("GlobalAveragePool", [input])
        #expect(average.shape == [1, 2, 1, 1])
        #expect(average.values(as: Float.self) == [2.5, 6.5])
        #expect(try T.run1("GlobalMaxPool", [input]).values(as: Float.self) == [4, 8])
    }

    @Test func poolingNeedsAKernel() throws {
        #expect(throws: OperatorError("MaxPool needs the kernel_shape attribute")) {
            try T.run1("MaxPool", [T.counting([1, 1, 4])])
        }
    }
}
