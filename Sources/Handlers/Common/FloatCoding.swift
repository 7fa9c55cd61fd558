internal import Serve

/// Number vectors as base64 of little-endian IEEE 754 values: the weights in artifacts and checkpoints,
/// exact and about a quarter of the bytes their decimals would take.
enum FloatCoding {
    /// Base64 of `values` as float32.
    static func encode(_ values: [Float]) -> String { encode(bits: values.map(\.bitPattern)) }

    /// Base64 of `values` as float64.
    static func encode(_ values: [Double]) -> String { encode(bits: values.map(\.bitPattern)) }

    /// The float32 values in `text`, or nil when it is not base64 of whole values.
    static func floats(_ text: String) -> [Float]? { decode(text, as: UInt32.self)?.map(Float.init(bitPattern:)) }

    /// The float64 values in `text`, or nil when it is not base64 of whole values.
    static func doubles(_ text: String) -> [Double]? {
        decode(text, as: UInt64.self)?.map(Double.init(bitPattern:))
    }

    private static func encode<Bits: FixedWidthInteger>(bits: [Bits]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(bits.count * Bits.bitWidth / 8)
        for value in bits {
            for shift in stride(from: 0, to: Bits.bitWidth, by: 8) {
                bytes.append(UInt8(truncatingIfNeeded: value >> shift))
            }
        }
        return Base64.encode(bytes)
    }

    private static func decode<Bits: FixedWidthInteger>(_ text: String, as: Bits.Type) -> [Bits]? {
        let size = Bits.bitWidth / 8
        guard let bytes = try? Base64.decode(text[...]), bytes.count % size == 0 else { return nil }
        return bytes.withUnsafeBytes { raw in
            (0..<(bytes.count / size)).map {
                Bits(littleEndian: raw.loadUnaligned(fromByteOffset: size * $0, as: Bits.self))
            }
        }
    }
}
