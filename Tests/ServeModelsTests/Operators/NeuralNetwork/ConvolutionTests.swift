import Testing

@testable import ServeModels

@Suite struct ConvolutionTests {
    typealias T = OperatorTestSupport

    @Test func convSumsEachPaddedNeighbourhood() throws {
        // 1…9 in a 3 × 3 image, an all-ones 3 × 3 kernel, padding 1 and a bias of 1.
        let output = try T.run1(
            "Conv", attributes: ["pads": .ints([1, 1, 1, 1])],
            [T.counting([1, 1, 3, 3]), T.floats([1, 1, 3, 3], Array(repeating: 1, count: 9)), T.floats([1], [1])])
        #expect(output.shape == [1, 1, 3, 3])
        #expect(output.values(as: Float.self) == [13, 22, 17, 28, 46, 34, 25, 40, 29])
    }

    @Test func convStridesAndDilates() throws {
        // 1…25 in 5 × 5; the kernel [[1, 0], [0, 1]] dilated by 2 adds x[i][j] and x[i + 2][j + 2]; stride 2.
        let output = try T.run1(
            "Conv", attributes: ["dilations": .ints([2, 2]), "strides": .ints([2, 2])],
            [T.counting([1, 1, 5, 5]), T.floats([1, 1, 2, 2], [1, 0, 0, 1])])
        #expect(output.shape == [1, 1, 2, 2])
        #expect(output.values(as: Float.self) == [14, 18, 34, 38])
    }

    @Test func depthwiseConvKeepsChannelsApart() throws {
        // Two channels, each scaled by its own 1 × 1 weight.
        let output = try T.run1(
            "Conv", attributes: ["group": .int(2)], [T.counting([1, 2, 1, 2]), T.floats([2, 1, 1, 1], [10, -1])])
        #expect(output.values(as: Float.self) == [10, 20, -3, -4])
    }

    @Test func convSamePaddingKeepsTheSize() throws {
        let output = try T.run1(
            "Conv", attributes: ["auto_pad": .string("SAME_UPPER")],
            [T.counting([1, 1, 4]), T.floats([1, 1, 2], [1, 1])])
        // SAME_UPPER puts the one pad at the end: [1+2, 2+3, 3+4, 4+0].
        #expect(output.values(as: Float.self) == [3, 5, 7, 4])
    }

    @Test func convKernelWiderThanThePaddedInputReadsOnlyItsCentre() throws {
        // One position, kernel 5 and pads 2 on each side: only the kernel's centre meets the input, the other
        // four positions read only padding (this used to trap in im2col). Two channels take the im2col path:
        // 3 · 1 + 30 · 2 = 63.
        let lowered = try T.run1(
            "Conv", attributes: ["kernel_shape": .ints([5]), "pads": .ints([2, 2])],
            [T.floats([1, 2, 1], [1, 2]), T.floats([1, 2, 5], [1, 2, 3, 4, 5, 10, 20, 30, 40, 50])])
        #expect(lowered.shape == [1, 1, 1])
        #expect(lowered.values(as: Float.self) == [63])
        // One channel takes the depthwise path: 3 · 7 + a bias of 1.
        let depthwise = try T.run1(
            "Conv", attributes: ["pads": .ints([2, 2])],
            [T.floats([1, 1, 1], [7]), T.floats([1, 1, 5], [1, 2, 3, 4, 5]), T.floats([1], [1])])
        #expect(depthwise.values(as: Float.self) == [22])
    }

    @Test func convRefusesWeightsForOtherChannels() throws {
        #expect(
            throws: OperatorError(
                "input 0 has 3 channels; the weights of shape [1, 2, 3, 3] take 2 per group, 2 with group 1")
        ) { try T.run1("Conv", [T.counting([1, 3, 4, 4]), T.counting([1, 2, 3, 3])]) }
    }

    @Test func convTransposeScattersEachInputAlongTheStride() throws {
        // Input [1, 2], kernel [1, 1, 1], stride 2: [1, 1, 1+2, 2, 2].
        let output = try T.run1(
            "ConvTranspose", attributes: ["strides": .ints([2])],
            [T.floats([1, 1, 2], [1, 2]), T.floats([1, 1, 3], [1, 1, 1])])
        #expect(output.shape == [1, 1, 5])
        #expect(output.values(as: Float.self) == [1, 1, 3, 2, 2])
        let cropped = try T.run1(
            "ConvTranspose", attributes: ["strides": .ints([2]), "pads": .ints([1, 1])],
            [T.floats([1, 1, 2], [1, 2]), T.floats([1, 1, 3], [1, 1, 1])])
        #expect(cropped.values(as: Float.self) == [1, 3, 2])
    }

    @Test func convTransposeOutputShapeExtendsTheEnd() throws {
        let output = try T.run1(
            "ConvTranspose", attributes: ["strides": .ints([2]), "output_shape": .ints([6])],
            [T.floats([1, 1, 2], [1, 2]), T.floats([1, 1, 3], [1, 1, 1])])
        #expect(output.values(as: Float.self) == [1, 1, 3, 2, 2, 0])
    }
}
