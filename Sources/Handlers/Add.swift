public import Serve

/// Adds two integers.
///
/// The addends are 32-bit and the sum 64-bit, so every pair of valid arguments has a sum: the types say
/// all there is to know, and the OpenAPI document with them.
/// - Parameters:
///   - a: The first addend.
///   - b: The second addend.
/// - Returns: The sum.
@Endpoint public func add(a: Int32, b: Int32) -> Int { Int(a) + Int(b) }
