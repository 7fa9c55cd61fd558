#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// `Cast`: converts a tensor to the element type `to`, following the spec's rules: floats to integers truncate
/// (saturating at the bounds, NaN giving 0, where the spec leaves it undefined), integers to narrower integers
/// keep the low bits, anything to bool is "not zero"; numbers print as their shortest exact form ("NaN",
/// "INF", "-INF" for the special values; bools as "1" and "0", as onnxruntime prints them) and strings parse as
/// numbers ("INF", "+INF", "-INF" and "NaN" in any case; "true" and "false" too for bools). `saturate` concerns
/// float 8 types only, and `round_mode` float8e8m0 only, which Serve does not hold; a cast to a type Serve does
/// not hold (float16, bfloat16, …) is refused when the model loads.
struct CastOperator: Operator {
    let target: ElementType

    static let factory: OperatorFactory = { spec throws(OperatorError) in
        guard let to = try spec.attributes.int("to") else { throw OperatorError("attribute 'to' is missing") }
        return CastOperator(target: try CastOperator.elementType(to))
    }

    /// The supported element type numbered `number`. The refusal of a type ONNX has and Serve does not hold says
    /// "which Serve does not run", as the loader's refusals do, so conformance runs count it a skip.
    static func elementType(_ number: Int) throws(OperatorError) -> ElementType {
        guard let type = ElementType(rawValue: number) else {
            guard let name = unheldTypeNames[number] else {
                throw OperatorError("attribute 'to' is \(number), which is not an ONNX element type")
            }
            throw OperatorError("casts to \(name), which Serve does not run")
        }
        guard type.isSupported else { throw unsupported(type) }
        return type
    }

    /// ONNX's element types after bfloat16 (float 8, 6 and 4, and 4- and 2-bit integers), by number.
    private static let unheldTypeNames = [
        17: "float8e4m3fn", 18: "float8e4m3fnuz", 19: "float8e5m2", 20: "float8e5m2fnuz", 21: "uint4", 22: "int4",
        23: "float4e2m1", 24: "float8e8m0", 25: "uint2", 26: "int2", 27: "float6e2m3", 28: "float6e3m2",
    ]

    /// The refusal of a cast to `type`, one of the types `ElementType` names that Serve holds no tensors of.
    static func unsupported(_ type: ElementType) -> OperatorError {
        OperatorError("casts to \(type), which Serve does not run")
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try inputs.tensor(0)
        return [.tensor(Tensor(checked: x.shape, try CastOperator.convert(x.data, to: target)))]
    }

    /// `data` converted to `type`.
    static func convert(_ data: TensorData, to type: ElementType) throws(OperatorError) -> TensorData {
        if data.elementType == type { return data }
        switch data {
        case .float(let values): return try floats(values, to: type)
        case .double(let values): return try floats(values, to: type)
        case .int64(let values): return try integers(values, to: type)
        case .int32(let values): return try integers(values, to: type)
        case .int16(let values): return try integers(values, to: type)
        case .int8(let values): return try integers(values, to: type)
        case .uint64(let values): return try integers(values, to: type)
        case .uint32(let values): return try integers(values, to: type)
        case .uint16(let values): return try integers(values, to: type)
        case .uint8(let values): return try integers(values, to: type)
        case .bool(let values):
            if type == .string { return .string(values.map { $0 ? "1" : "0" }) }
            return try integers(ElementwiseMap.map(values) { UInt8($0 ? 1 : 0) }, to: type)
        case .string(let values): return try strings(values, to: type)
        }
    }

    private static func floats<F: ElementwiseFloat>(
        _ values: [F], to type: ElementType
    ) throws(OperatorError) -> TensorData {
        switch type {
        case .float: return .float(ElementwiseMap.map(values) { Float($0) })
        case .double: return .double(ElementwiseMap.map(values) { Double($0) })
        case .int64: return .int64(ElementwiseNumbers.integers(values, as: Int64.self))
        case .int32: return .int32(ElementwiseNumbers.integers(values, as: Int32.self))
        case .int16: return .int16(ElementwiseNumbers.integers(values, as: Int16.self))
        case .int8: return .int8(ElementwiseNumbers.integers(values, as: Int8.self))
        case .uint64: return .uint64(ElementwiseNumbers.integers(values, as: UInt64.self))
        case .uint32: return .uint32(ElementwiseNumbers.integers(values, as: UInt32.self))
        case .uint16: return .uint16(ElementwiseNumbers.integers(values, as: UInt16.self))
        case .uint8: return .uint8(ElementwiseNumbers.integers(values, as: UInt8.self))
        case .bool: return .bool(ElementwiseMap.map(values) { $0 != 0 })
        case .string: return .string(values.map(text))
        case .float16, .bfloat16, .complex64, .complex128: throw unsupported(type)
        }
    }

    private static func integers<I: FixedWidthInteger>(
        _ values: [I], to type: ElementType
    ) throws(OperatorError) -> TensorData {
        switch type {
        case .float: return .float(ElementwiseMap.map(values) { Float($0) })
        case .double: return .double(ElementwiseMap.map(values) { Double($0) })
        case .int64: return .int64(ElementwiseMap.map(values) { Int64(truncatingIfNeeded: $0) })
        case .int32: return .int32(ElementwiseMap.map(values) { Int32(truncatingIfNeeded: $0) })
        case .int16: return .int16(ElementwiseMap.map(values) { Int16(truncatingIfNeeded: $0) })
        case .int8: return .int8(ElementwiseMap.map(values) { Int8(truncatingIfNeeded: $0) })
        case .uint64: return .uint64(ElementwiseMap.map(values) { UInt64(truncatingIfNeeded: $0) })
        case .uint32: return .uint32(ElementwiseMap.map(values) { UInt32(truncatingIfNeeded: $0) })
        case .uint16: return .uint16(ElementwiseMap.map(values) { UInt16(truncatingIfNeeded: $0) })
        case .uint8: return .uint8(ElementwiseMap.map(values) { UInt8(truncatingIfNeeded: $0) })
        case .bool: return .bool(ElementwiseMap.map(values) { $0 != 0 })
        case .string: return .string(values.map { String($0) })
        case .float16, .bfloat16, .complex64, .complex128: throw unsupported(type)
        }
    }

    /// How a float prints: its shortest form that reads back exactly, or the spec's special literals.
    private static func text<F: ElementwiseFloat>(_ value: F) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-INF" : "INF" }
        return "\(value)"
    }

    private static func strings(_ values: [String], to type: ElementType) throws(OperatorError) -> TensorData {
        switch type {
        case .float: return .float(try parse(values) { Float($0) })
        case .double: return .double(try parse(values) { Double($0) })
        case .int64: return .int64(try parse(values, integer))
        case .int32: return .int32(try parse(values, integer))
        case .int16: return .int16(try parse(values, integer))
        case .int8: return .int8(try parse(values, integer))
        case .uint64: return .uint64(try parse(values, integer))
        case .uint32: return .uint32(try parse(values, integer))
        case .uint16: return .uint16(try parse(values, integer))
        case .uint8: return .uint8(try parse(values, integer))
        case .bool:
            return .bool(
                try parse(values) { text in
                    switch text.lowercased() {
                    case "true": true
                    case "false": false
                    default: Double(text).map { $0 != 0 }
                    }
                })
        case .string: return .string(values)
        case .float16, .bfloat16, .complex64, .complex128: throw unsupported(type)
        }
    }

    /// An integer written exactly ("12") or as a float ("1e3", "2.7", truncated).
    private static func integer<I: FixedWidthInteger>(_ text: String) -> I? {
        if let exact = I(text) { return exact }
        if let wide = Int64(text) { return I(truncatingIfNeeded: wide) }
        return Double(text).map { ElementwiseNumbers.saturating($0) }
    }

    private static func parse<Result>(
        _ values: [String], _ read: (String) -> Result?
    ) throws(OperatorError) -> [Result] {
        var results: [Result] = []
        results.reserveCapacity(values.count)
        for (index, raw) in values.enumerated() {
            let text = String(raw.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
            guard let value = read(text) else {
                throw OperatorError("element \(index) of input 0, \"\(raw)\", is not a number")
            }
            results.append(value)
        }
        return results
    }
}
