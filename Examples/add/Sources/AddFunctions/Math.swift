public import Serve

// The functions, in a library of their own: the service serves them, and a client calls them with
// the very same declarations. (The docs show this file as it is: Snippets/AddAndDivide.swift links to it,
// and the `snippet.` comments mark the part the landing page shows.)

// snippet.add
/// Adds two integers.
/// - Parameters:
///   - a: The first addend.
///   - b: The second addend.
/// - Returns: The sum.
@Endpoint public func add(a: Int, b: Int) -> Int { a &+ b }
// snippet.end

/// How to round a quotient.
@Schema public enum Rounding: String { case down, nearest, up }

/// Divides one number by another.
/// - Parameters:
///   - dividend: The number to divide.
///   - divisor: The number to divide by; not zero.
///   - rounding: How to round the result to an integer, if at all.
/// - Returns: The quotient.
@Endpoint public func divide(dividend: Double, divisor: Double, rounding: Rounding? = nil) throws -> Double {
    guard divisor != 0 else { throw ArgumentError(field: "divisor", expected: "a number other than 0", got: "0") }
    let quotient = dividend / divisor
    switch rounding {
    case nil: return quotient
    case .down: return quotient.rounded(.down)
    case .nearest: return quotient.rounded()
    case .up: return quotient.rounded(.up)
    }
}
