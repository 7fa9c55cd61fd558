import Testing

@testable import ServeModels

@Suite struct CastClipTests {
    typealias Support = OperatorTestSupport

    @Test func castTruncatesFloatsAndSaturates() throws {
        let x = try Support.floats([5], [1.7, -1.7, .nan, 1e10, -1e10])
        let cast = try Support.run1("Cast", attributes: ["to": .int(ElementType.int32.rawValue)], [x])
        #expect(cast.values(as: Int32.self) == [1, -1, 0, .max, .min])
    }

    @Test func castKeepsTheLowBitsOfIntegers() throws {
        let x = try Tensor(shape: [2], values: [200, -1] as [Int16])
        let cast = try Support.run1("Cast", attributes: ["to": .int(ElementType.int8.rawValue)], [x])
        #expect(cast.values(as: Int8.self) == [-56, -1])
    }

    @Test func castBetweenStringsAndNumbers() throws {
        let text = try Tensor(shape: [4], values: [" 2.5", "INF", "-inf", "1e3"])
        let numbers = try Support.run1("Cast", attributes: ["to": .int(ElementType.float.rawValue)], [text])
        #expect(numbers.values(as: Float.self) == [2.5, .infinity, -.infinity, 1000])
        let back = try Support.run1("Cast", attributes: ["to": .int(ElementType.string.rawValue)], [numbers])
        #expect(back.values(as: String.self) == ["2.5", "INF", "-INF", "1000.0"])
        #expect(throws: OperatorError("element 0 of input 0, \"seven\", is not a number")) {
            try Support.run1(
                "Cast", attributes: ["to": .int(ElementType.int64.rawValue)], [Tensor(shape: [1], values: ["seven"])])
        }
    }

    @Test func castBetweenBoolsAndStrings() throws {
        let flags = try Tensor(shape: [2], values: [true, false])
        let text = try Support.run1("Cast", attributes: ["to": .int(ElementType.string.rawValue)], [flags])
        #expect(text.values(as: String.self) == ["1", "0"])
        let words = try Tensor(shape: [4], values: ["TRUE", "false", "0", "2"])
        let back = try Support.run1("Cast", attributes: ["to": .int(ElementType.bool.rawValue)], [words])
        #expect(back.values(as: Bool.self) == [true, false, false, true])
    }

    /// The refusals say "which Serve does not run", so that conformance runs count them as skips.
    @Test func castToATypeServeDoesNotHoldIsRefusedAtLoad() throws {
        #expect(throws: OperatorError("casts to float16, which Serve does not run")) {
            try Support.run1("Cast", attributes: ["to": .int(ElementType.float16.rawValue)], [])
        }
        #expect(throws: OperatorError("casts to bfloat16, which Serve does not run")) {
            try Support.run1("Cast", attributes: ["to": .int(ElementType.bfloat16.rawValue)], [])
        }
        #expect(throws: OperatorError("casts to float8e4m3fn, which Serve does not run")) {
            try Support.run1("Cast", opset: 19, attributes: ["to": .int(17)], [])
        }
        #expect(throws: OperatorError("attribute 'to' is 99, which is not an ONNX element type")) {
            try Support.run1("Cast", attributes: ["to": .int(99)], [])
        }
    }

    @Test func castLikeTakesTheTypeOfInput1() throws {
        let x = try Support.floats([3], [2.9, -2.9, 0])
        let like = try Tensor(shape: [1], values: [7] as [Int64])
        let cast = try Support.run1("CastLike", [x, like])
        #expect(cast.shape == [3])
        #expect(cast.values(as: Int64.self) == [2, -2, 0])
        // An empty tensor gives its type just as well.
        let noText = try Tensor(shape: [0], values: [] as [String])
        #expect(try Support.run1("CastLike", [x, noText]).values(as: String.self) == ["2.9", "-2.9", "0.0"])
        #expect(throws: OperatorError("input 1 is missing")) {
            try Support.run1("CastLike", [x])
        }
    }

    @Test func castLikeExistsFromOpset15() throws {
        #expect(throws: OperatorError("CastLike exists from opset 15; the model imports opset 14")) {
            try Support.run1("CastLike", opset: 14, [])
        }
    }

    @Test func clipTakesInputsFromOpset11() throws {
        let x = try Support.floats([4], [-3, -1, 1, 3])
        let clipped = try Support.run1("Clip", opset: 13, [x, Support.floats([], [-2]), Support.floats([], [2])])
        #expect(clipped.values(as: Float.self) == [-2, -1, 1, 2])
        // Only a maximum; min is absent.
        let capped = try Support.run1("Clip", opset: 13, [x, nil, Support.floats([], [0])])
        #expect(capped.values(as: Float.self) == [-3, -1, 0, 0])
        // min > max: everything becomes max.
        let inverted = try Support.run1("Clip", opset: 13, [x, Support.floats([], [5]), Support.floats([], [4])])
        #expect(inverted.values(as: Float.self) == [4, 4, 4, 4])
    }

    @Test func clipTakesAttributesBeforeOpset11() throws {
        let x = try Support.floats([4], [-3, -1, 1, 3])
        let clipped = try Support.run1("Clip", opset: 6, attributes: ["min": .float(-1.5), "max": .float(0.5)], [x])
        #expect(clipped.values(as: Float.self) == [-1.5, -1, 0.5, 0.5])
    }

    @Test func clipBoundsMustBeScalars() throws {
        let x = try Support.floats([2], [1, 2])
        #expect(throws: OperatorError("input 1 has shape [2]; Clip needs a scalar bound")) {
            try Support.run1("Clip", opset: 13, [x, x])
        }
    }
}
