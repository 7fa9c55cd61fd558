/// A tensor as the Open Inference Protocol carries it: its shape, and its elements back to back in
/// row-major order, each little-endian (a `BYTES` element as its length in 4 little-endian bytes, then
/// its bytes). Its datatype is its ``TensorSignature``'s.
public struct RawTensor: Sendable, Equatable {
    /// The dimensions.
    public var shape: [Int]
    /// The elements' bytes.
    public var bytes: [UInt8]

    /// A tensor of `shape` holding `bytes`.
    public init(shape: [Int], bytes: [UInt8]) {
        self.shape = shape
        self.bytes = bytes
    }
}

extension RawTensor {
    /// The elements of a `BYTES` tensor's data, each its 4-byte little-endian length and then its bytes;
    /// nil unless `bytes` hold exactly `count` of them.
    public static func byteStrings(in bytes: ArraySlice<UInt8>, count: Int) -> [ArraySlice<UInt8>]? {
        var elements: [ArraySlice<UInt8>] = []
        elements.reserveCapacity(count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            guard bytes.endIndex - index >= 4, elements.count < count else { return nil }
            let length = bytes[index..<index + 4].reversed().reduce(0) { $0 << 8 | Int($1) }
            index += 4
            guard bytes.endIndex - index >= length else { return nil }
            elements.append(bytes[index..<index + length])
            index += length
        }
        return elements.count == count ? elements : nil
    }

    /// Appends one `BYTES` element to a tensor's data: its length in 4 little-endian bytes, then `element`.
    public static func appendByteString(_ element: some Collection<UInt8>, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: UInt32(element.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: element)
    }
}
