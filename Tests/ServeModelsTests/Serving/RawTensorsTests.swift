import Serve
import Testing

@testable import ServeModels

/// Tensors as the Open Inference Protocol carries them: little-endian elements back to back, a string
/// after its 4-byte length.
@Suite struct RawTensorsTests {
    @Test(arguments: [
        TensorData.float([1.5, -2, .infinity]), .double([0.1, 1e300, -0]), .int64([-1, .max, 0]),
        .int32([7, -8, .min]), .int16([1, 2, 3]), .int8([-128, 0, 127]), .uint64([.max, 0, 1]),
        .uint32([1, 2, .max]), .uint16([9, 8, 7]), .uint8([0, 128, 255]), .bool([true, false, true]),
        .string(["", "héllo", "a b"]),
    ])
    func everyElementTypeGoesThereAndBack(_ data: TensorData) throws {
        let tensor = try Tensor(shape: [3, 1], data: data)
        let raw = tensor.raw
        #expect(raw.shape == [3, 1])
        #expect(Tensor(raw, type: data.elementType) == tensor)
    }

    @Test func elementsAreLittleEndianAndStringsCarryTheirLength() throws {
        #expect(
            try Tensor(shape: [2], values: [Int32(1), Int32(-2)]).raw.bytes == [1, 0, 0, 0, 0xFE, 0xFF, 0xFF, 0xFF])
        #expect(try Tensor(shape: [1], values: [Float(1)]).raw.bytes == [0, 0, 0x80, 0x3F])
        #expect(try Tensor(shape: [2], values: ["ab", ""]).raw.bytes == [2, 0, 0, 0, 97, 98, 0, 0, 0, 0])
    }

    @Test func bytesThatDoNotFillTheShapeAreRefused() {
        #expect(Tensor(RawTensor(shape: [2], bytes: [0, 0, 0x80, 0x3F]), type: .float) == nil)
        #expect(Tensor(RawTensor(shape: [1], bytes: [0, 0, 0x80, 0x3F, 0]), type: .float) == nil)
        #expect(Tensor(RawTensor(shape: [1], bytes: [5, 0, 0, 0, 97]), type: .string) == nil)
        #expect(Tensor(RawTensor(shape: [1], bytes: [1, 0, 0, 0, 0xFF]), type: .string) == nil)
        #expect(Tensor(RawTensor(shape: [1], bytes: [0, 0]), type: .float16) == nil)
    }

    @Test func aSequenceOfMapsIsOneStringPerMapHoldingItsJSON() {
        let scores = Value.sequence([.map([.int(1): 0.25, .int(0): 0.75]), .map([.string("x"): 1])])
        let raw = scores.raw
        #expect(raw.shape == [2])
        #expect(Tensor(raw, type: .string)?.values(as: String.self) == [#"{"0":0.75,"1":0.25}"#, #"{"x":1.0}"#])
    }
}
