import Testing

@testable import ServeModels

@Suite struct ActivationTests {
    typealias Support = OperatorTestSupport

    @Test func reluTakesIntegersFromOpset14() throws {
        let x = try Tensor(shape: [3], values: [-2, 0, 5] as [Int8])
        #expect(try Support.run1("Relu", opset: 14, [x]).values(as: Int8.self) == [0, 0, 5])
    }

    @Test func attributesShapeTheFunction() throws {
        let x = try Support.floats([3], [-2, 0.5, 3])
        let leaky = try Support.run1("LeakyRelu", attributes: ["alpha": .float(0.5)], [x])
        #expect(leaky.values(as: Float.self) == [-1, 0.5, 3])
        let thresholded = try Support.run1("ThresholdedRelu", attributes: ["alpha": .float(1)], [x])
        #expect(thresholded.values(as: Float.self) == [0, 0, 3])
        // max(0, min(1, 0.5 x + 0.5)).
        let hard = try Support.run1("HardSigmoid", attributes: ["alpha": .float(0.5), "beta": .float(0.5)], [x])
        #expect(hard.values(as: Float.self) == [0, 0.75, 1])
        // x · max(0, min(1, x / 6 + 1 / 2)): -2 · 1/6, 0.5 · 7/12, 3 · 1.
        #expect(Support.close(try Support.run1("HardSwish", [x]), [-0.333_333_3, 0.291_666_7, 3]))
    }

    @Test func exponentialLinearUnits() throws {
        let x = try Support.floats([2], [-1, 2])
        // alpha (e⁻¹ - 1) for negatives.
        #expect(Support.close(try Support.run1("Elu", attributes: ["alpha": .float(2)], [x]), [-1.264_241_1, 2]))
        let selu = try Support.run1("Selu", attributes: ["alpha": .float(2), "gamma": .float(3)], [x])
        #expect(Support.close(selu, [-3.792_723_2, 6]))
        // alpha (e^(x / alpha) - 1) = 2 (e^-0.5 - 1).
        #expect(Support.close(try Support.run1("Celu", attributes: ["alpha": .float(2)], [x]), [-0.786_938_7, 2]))
    }

    @Test func smoothActivations() throws {
        let x = try Support.floats([3], [-1, 0, 1])
        #expect(Support.close(try Support.run1("Sigmoid", [x]), [0.268_941_43, 0.5, 0.731_058_6]))
        #expect(Support.close(try Support.run1("Softplus", [x]), [0.313_261_7, 0.693_147_2, 1.313_261_7]))
        #expect(Support.close(try Support.run1("Softsign", [x]), [-0.5, 0, 0.5]))
        #expect(Support.close(try Support.run1("Mish", [x]), [-0.303_401_3, 0, 0.865_098_4]))
        #expect(Support.close(try Support.run1("Gelu", opset: 20, [x]), [-0.158_655_25, 0, 0.841_344_7]))
        let tanhGelu = try Support.run1("Gelu", opset: 20, attributes: ["approximate": .string("tanh")], [x])
        #expect(Support.close(tanhGelu, [-0.158_808, 0, 0.841_192]))
    }

    @Test func sigmoidOfLargeMagnitudes() throws {
        let x = try Support.floats([2], [-1000, 1000])
        #expect(try Support.run1("Sigmoid", [x]).values(as: Float.self) == [0, 1])
    }

    @Test func preluSlopeBroadcastsToTheInput() throws {
        let x = try Support.floats([2, 2], [-1, 2, -3, 4])
        let slope = try Support.floats([2], [0.5, 10])
        #expect(try Support.run1("PRelu", [x, slope]).values(as: Float.self) == [-0.5, 2, -1.5, 4])
        let tooBig = try Support.floats([3, 2, 2], Array(repeating: 1, count: 12))
        #expect(
            throws: OperatorError("input 1 (slope) of shape [3, 2, 2] does not broadcast to input 0's shape [2, 2]")
        ) {
            try Support.run1("PRelu", [x, tooBig])
        }
    }

    /// Before opset 7 a slope of C elements applies per channel, along dimension 1 (the pytorch-converted
    /// test_PReLU_*_multiparam models, opset 6: x [2, 3, 4] and a slope [3], which do not broadcast).
    @Test func preluSlopeIsPerChannelBeforeOpset7() throws {
        let x = try Support.floats([2, 3, 2], [-1, 1, -1, 1, -1, 1, -2, 2, -2, 2, -2, 2])
        let slope = try Support.floats([3], [0.5, 2, 10])
        #expect(
            try Support.run1("PRelu", opset: 6, [x, slope]).values(as: Float.self)
                == [-0.5, 1, -2, 1, -10, 1, -1, 2, -4, 2, -20, 2])
        // Dimension 1 even where the trailing dimension also matches: x [1, 3, 3].
        let square = try Support.floats([1, 3, 3], [-1, -1, -1, -1, -1, -1, -1, -1, -1])
        #expect(
            try Support.run1("PRelu", opset: 6, [square, slope]).values(as: Float.self)
                == [-0.5, -0.5, -0.5, -2, -2, -2, -10, -10, -10])
        // A slope of one element is shared, whatever its rank.
        let shared = try Support.floats([1, 1, 1, 1], [3])
        #expect(
            try Support.run1("PRelu", opset: 6, [x, shared]).values(as: Float.self)
                == [-3, 1, -3, 1, -3, 1, -6, 2, -6, 2, -6, 2])
        // From opset 7 the slope broadcasts from the trailing dimension, so [3] does not fit x [2, 3, 2].
        #expect(throws: OperatorError("inputs of shapes [2, 3, 2], [3] do not broadcast together")) {
            try Support.run1("PRelu", opset: 7, [x, slope])
        }
        #expect(
            try Support.run1("PRelu", opset: 7, [square, slope]).values(as: Float.self)
                == [-0.5, -2, -10, -0.5, -2, -10, -0.5, -2, -10])
    }

    @Test func unknownGeluApproximationIsRefused() throws {
        #expect(throws: OperatorError("attribute 'approximate' is 'fast'; it must be none or tanh")) {
            try Support.run1("Gelu", opset: 20, attributes: ["approximate": .string("fast")], [])
        }
    }
}
