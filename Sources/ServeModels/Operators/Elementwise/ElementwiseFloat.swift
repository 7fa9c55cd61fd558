import Glibc

/// The floating-point element types (`Float`, `Double`) with the C math library's functions, so that the
/// elementwise and activation kernels can be written once, generically, and specialized for each type. `Float`'s
/// exp, expm1, tanh, erf, softplus and rounding are `ElementwiseFastMath`'s, which vectorize.
protocol ElementwiseFloat: BinaryFloatingPoint, TensorElement {
    static func floor(_ x: Self) -> Self
    static func ceil(_ x: Self) -> Self
    /// Halves to even.
    static func round(_ x: Self) -> Self
    static func exp(_ x: Self) -> Self
    static func expm1(_ x: Self) -> Self
    static func log(_ x: Self) -> Self
    static func log1p(_ x: Self) -> Self
    static func pow(_ x: Self, _ y: Self) -> Self
    static func sin(_ x: Self) -> Self
    static func cos(_ x: Self) -> Self
    static func tan(_ x: Self) -> Self
    static func asin(_ x: Self) -> Self
    static func acos(_ x: Self) -> Self
    static func atan(_ x: Self) -> Self
    static func sinh(_ x: Self) -> Self
    static func cosh(_ x: Self) -> Self
    static func tanh(_ x: Self) -> Self
    static func asinh(_ x: Self) -> Self
    static func acosh(_ x: Self) -> Self
    static func atanh(_ x: Self) -> Self
    static func erf(_ x: Self) -> Self
    /// ln(1 + eˣ), without overflow for large x.
    static func softplus(_ x: Self) -> Self
}

extension Float: ElementwiseFloat {
    @inline(__always) static func floor(_ x: Float) -> Float { ElementwiseFastMath.floor(x) }
    @inline(__always) static func ceil(_ x: Float) -> Float { ElementwiseFastMath.ceil(x) }
    @inline(__always) static func round(_ x: Float) -> Float { ElementwiseFastMath.roundedToEven(x) }
    @inline(__always) static func exp(_ x: Float) -> Float { ElementwiseFastMath.exp(x) }
    @inline(__always) static func expm1(_ x: Float) -> Float { ElementwiseFastMath.expm1(x) }
    @inline(__always) static func log(_ x: Float) -> Float { Glibc.log(x) }
    @inline(__always) static func log1p(_ x: Float) -> Float { Glibc.log1p(x) }
    @inline(__always) static func pow(_ x: Float, _ y: Float) -> Float { Glibc.pow(x, y) }
    @inline(__always) static func sin(_ x: Float) -> Float { Glibc.sin(x) }
    @inline(__always) static func cos(_ x: Float) -> Float { Glibc.cos(x) }
    @inline(__always) static func tan(_ x: Float) -> Float { Glibc.tan(x) }
    @inline(__always) static func asin(_ x: Float) -> Float { Glibc.asin(x) }
    @inline(__always) static func acos(_ x: Float) -> Float { Glibc.acos(x) }
    @inline(__always) static func atan(_ x: Float) -> Float { Glibc.atan(x) }
    @inline(__always) static func sinh(_ x: Float) -> Float { Glibc.sinh(x) }
    @inline(__always) static func cosh(_ x: Float) -> Float { Glibc.cosh(x) }
    @inline(__always) static func tanh(_ x: Float) -> Float { ElementwiseFastMath.tanh(x) }
    @inline(__always) static func asinh(_ x: Float) -> Float { Glibc.asinh(x) }
    @inline(__always) static func acosh(_ x: Float) -> Float { Glibc.acosh(x) }
    @inline(__always) static func atanh(_ x: Float) -> Float { Glibc.atanh(x) }
    @inline(__always) static func erf(_ x: Float) -> Float { ElementwiseFastMath.erf(x) }
    @inline(__always) static func softplus(_ x: Float) -> Float { ElementwiseFastMath.softplus(x) }
}

extension Double: ElementwiseFloat {
    @inline(__always) static func floor(_ x: Double) -> Double { x.rounded(.down) }
    @inline(__always) static func ceil(_ x: Double) -> Double { x.rounded(.up) }
    @inline(__always) static func round(_ x: Double) -> Double { x.rounded(.toNearestOrEven) }
    @inline(__always) static func exp(_ x: Double) -> Double { Glibc.exp(x) }
    @inline(__always) static func expm1(_ x: Double) -> Double { Glibc.expm1(x) }
    @inline(__always) static func log(_ x: Double) -> Double { Glibc.log(x) }
    @inline(__always) static func log1p(_ x: Double) -> Double { Glibc.log1p(x) }
    @inline(__always) static func pow(_ x: Double, _ y: Double) -> Double { Glibc.pow(x, y) }
    @inline(__always) static func sin(_ x: Double) -> Double { Glibc.sin(x) }
    @inline(__always) static func cos(_ x: Double) -> Double { Glibc.cos(x) }
    @inline(__always) static func tan(_ x: Double) -> Double { Glibc.tan(x) }
    @inline(__always) static func asin(_ x: Double) -> Double { Glibc.asin(x) }
    @inline(__always) static func acos(_ x: Double) -> Double { Glibc.acos(x) }
    @inline(__always) static func atan(_ x: Double) -> Double { Glibc.atan(x) }
    @inline(__always) static func sinh(_ x: Double) -> Double { Glibc.sinh(x) }
    @inline(__always) static func cosh(_ x: Double) -> Double { Glibc.cosh(x) }
    @inline(__always) static func tanh(_ x: Double) -> Double { Glibc.tanh(x) }
    @inline(__always) static func asinh(_ x: Double) -> Double { Glibc.asinh(x) }
    @inline(__always) static func acosh(_ x: Double) -> Double { Glibc.acosh(x) }
    @inline(__always) static func atanh(_ x: Double) -> Double { Glibc.atanh(x) }
    @inline(__always) static func erf(_ x: Double) -> Double { Glibc.erf(x) }
    @inline(__always) static func softplus(_ x: Double) -> Double {
        max(x, 0) + Glibc.log1p(Glibc.exp(-x.magnitude))
    }
}
