public import Serve

/// Adds two integers.
/// - Parameters:
///   - a: The first addend.
///   - b: The second addend.
/// - Returns: The sum.
/// - Throws: ``ArgumentError`` when the sum does not fit in a 64-bit integer.
@Endpoint public func add(a: Int, b: Int) throws -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    if overflow {
        throw ArgumentError(field: "b", expected: "a value whose sum with a fits in 64 bits", got: String(b))
    }
    return sum
}
