/// Number tokens: exact integers, and doubles with a fast path for plain decimals.
extension JSONReader {
    /// Parses an integer token made only of an optional `-` and digits, or returns nil.
    package static func parseInteger<T: FixedWidthInteger>(_ digits: ArraySlice<UInt8>, as: T.Type) -> T? {
        var rest = digits[...]
        let negative = rest.first == UInt8(ascii: "-")
        if negative { rest = rest.dropFirst() }
        guard !rest.isEmpty else { return nil }
        var value: T = 0
        for byte in rest {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) =
                negative
                ? shifted.subtractingReportingOverflow(T(digit)) : shifted.addingReportingOverflow(T(digit))
            guard !overflow1, !overflow2 else { return nil }
            value = next
        }
        return value
    }

    /// The digits, with a leading `-` when negative, of a number token whose exact value is an integer
    /// (`2.0` is `2`, `-1.5e1` is `-15`), or nil when a fraction remains (`1.00000000000000001`). Values
    /// too large for any fixed-width integer come back as 41 digits.
    package static func integralDigits(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        var digits: [UInt8] = []
        var exponent = 0
        var index = text.startIndex
        let negative = text.first == UInt8(ascii: "-")
        if negative { index += 1 }
        var seenPoint = false
        while index < text.endIndex, text[index] != UInt8(ascii: "e"), text[index] != UInt8(ascii: "E") {
            if text[index] == UInt8(ascii: ".") {
                seenPoint = true
            } else {
                digits.append(text[index])
                if seenPoint { exponent -= 1 }
            }
            index += 1
        }
        if index < text.endIndex {
            index += 1
            let negativeExponent = text[index] == UInt8(ascii: "-")
            if negativeExponent || text[index] == UInt8(ascii: "+") { index += 1 }
            var written = 0
            for byte in text[index...] { written = min(written * 10 + Int(byte &- UInt8(ascii: "0")), 100_000) }
            exponent += negativeExponent ? -written : written
        }
        while exponent < 0, digits.last == UInt8(ascii: "0") {
            digits.removeLast()
            exponent += 1
        }
        let significant = digits.drop { $0 == UInt8(ascii: "0") }
        guard !significant.isEmpty else { return [UInt8(ascii: "0")] }
        guard exponent >= 0 else { return nil }
        let sign = negative ? [UInt8(ascii: "-")] : []
        guard significant.count + exponent <= 40 else { return sign + repeatElement(UInt8(ascii: "9"), count: 41) }
        return sign + significant + repeatElement(UInt8(ascii: "0"), count: exponent)
    }

    /// Parses the plain decimal at `start` (`5.9`, `-0.25`, `42`: at most 15 digits, no exponent) that ends
    /// at `end` or at a byte that ends a scalar, and returns its value and where it ends; nil for any other
    /// token. Such a value is exact: its digits as an integer, divided by a power of ten, both exactly
    /// representable, so IEEE division rounds correctly. Bytes are read where they lie: it is the inner
    /// loop of reading numeric batches.
    @inline(__always)
    static func parsePlainDecimal(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int)
        -> (value: Double, end: Int)?
    {
        var index = start
        let negative = index < end && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        while index < end {
            let byte = bytes[index]
            let digit = byte &- UInt8(ascii: "0")
            if digit < 10 {
                guard digits < 15 else { return nil }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                digits += 1
                if seenPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else if endsScalar(byte) {
                break
            } else {
                return nil
            }
            index += 1
        }
        guard digits > 0 else { return nil }
        let magnitude = Double(mantissa) / powerOfTen(fractionDigits)
        return (negative ? -magnitude : magnitude, index)
    }

    /// 10 to the power `exponent` (0 to 15), exactly.
    @inline(__always)
    private static func powerOfTen(_ exponent: Int) -> Double {
        var power = 1.0
        for _ in 0..<exponent { power *= 10 }
        return power
    }
}
