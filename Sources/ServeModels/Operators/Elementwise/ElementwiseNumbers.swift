/// Conversions of tensor data between element types, for `Cast` and for operators (`Pow`) whose inputs may
/// differ in type.
enum ElementwiseNumbers {
    /// Numeric `data` (not bool or string) as `T`s.
    static func floats<T: ElementwiseFloat>(_ data: TensorData) -> [T]? {
        if let same = T.unwrap(data) { return same }
        return switch data {
        case .float(let values): ElementwiseMap.map(values) { T($0) }
        case .double(let values): ElementwiseMap.map(values) { T($0) }
        case .int64(let values): ElementwiseMap.map(values) { T($0) }
        case .int32(let values): ElementwiseMap.map(values) { T($0) }
        case .int16(let values): ElementwiseMap.map(values) { T($0) }
        case .int8(let values): ElementwiseMap.map(values) { T($0) }
        case .uint64(let values): ElementwiseMap.map(values) { T($0) }
        case .uint32(let values): ElementwiseMap.map(values) { T($0) }
        case .uint16(let values): ElementwiseMap.map(values) { T($0) }
        case .uint8(let values): ElementwiseMap.map(values) { T($0) }
        case .bool, .string: nil
        }
    }

    /// Integer `data` as `Int64`s (unsigned values past `Int64.max` clamped to it); nil for other types.
    static func int64s(_ data: TensorData) -> [Int64]? {
        switch data {
        case .int64(let values): values
        case .int32(let values): ElementwiseMap.map(values) { Int64($0) }
        case .int16(let values): ElementwiseMap.map(values) { Int64($0) }
        case .int8(let values): ElementwiseMap.map(values) { Int64($0) }
        case .uint64(let values): ElementwiseMap.map(values) { Int64(clamping: $0) }
        case .uint32(let values): ElementwiseMap.map(values) { Int64($0) }
        case .uint16(let values): ElementwiseMap.map(values) { Int64($0) }
        case .uint8(let values): ElementwiseMap.map(values) { Int64($0) }
        case .float, .double, .bool, .string: nil
        }
    }

    /// `x` truncated toward zero to an integer, saturating at `T`'s bounds, NaN giving 0. (The spec leaves
    /// out-of-range conversions undefined; Swift's own conversion would trap.)
    @inline(__always)
    static func saturating<T: FixedWidthInteger>(_ x: Double) -> T {
        // Through the concrete Int64 and UInt64 conversions: the generic `T(x)` goes a slow, general way.
        if x.isNaN { return 0 }
        if x <= Double(T.min) { return T.min }
        if x >= Double(T.max) { return T.max }
        return T.isSigned ? T(truncatingIfNeeded: Int64(x)) : T(truncatingIfNeeded: UInt64(x))
    }

    /// `values` truncated toward zero to integers, saturating, NaN giving 0.
    static func integers<T: FixedWidthInteger, F: ElementwiseFloat>(_ values: [F], as type: T.Type) -> [T] {
        ElementwiseMap.map(values) { saturating(Double($0)) }
    }
}
