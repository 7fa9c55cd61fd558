/// Finds the end of the plain part of a JSON string eight bytes at a time: long strings (base64 weights,
/// text to score) are most of the bytes the reader and the syntax check walk through.
enum PlainRun {
    /// The first offset from `start` at which the eight bytes there may hold a quote or a backslash, or
    /// (with `asciiOnly`) a control character or a byte above 0x7F, or fewer than eight bytes are left
    /// before `end`. Every byte before it is plain, so callers go on byte by byte from there.
    @inline(__always)
    static func skip(_ bytes: [UInt8], from start: Int, end: Int, asciiOnly: Bool) -> Int {
        bytes.withUnsafeBufferPointer { skip($0, from: start, end: end, asciiOnly: asciiOnly) }
    }

    /// The same, for bytes where they lie.
    @inline(__always)
    static func skip(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int, asciiOnly: Bool) -> Int {
        guard end - start >= 8, let base = bytes.baseAddress else { return start }
        let raw = UnsafeRawPointer(base)
        var offset = start
        while offset + 8 <= end {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            var special = hasByte(word, equalTo: UInt8(ascii: "\"")) | hasByte(word, equalTo: UInt8(ascii: "\\"))
            if asciiOnly { special |= hasByteBelow(word, 0x20) | word & high }
            if special != 0 { break }
            offset += 8
        }
        return offset
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let high: UInt64 = 0x8080_8080_8080_8080

    /// Non-zero when some byte of `word` is `byte` (it may also flag bytes above a match, never misses one).
    @inline(__always)
    private static func hasByte(_ word: UInt64, equalTo byte: UInt8) -> UInt64 {
        let matched = word ^ (ones &* UInt64(byte))
        return (matched &- ones) & ~matched & high
    }

    /// Non-zero when some byte of `word` is below `limit` (at most 0x80), or, where this flags, above a match.
    @inline(__always)
    private static func hasByteBelow(_ word: UInt64, _ limit: UInt8) -> UInt64 {
        (word &- ones &* UInt64(limit)) & ~word & high
    }
}
