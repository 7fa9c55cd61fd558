/// `Float` versions of exp, expm1, softplus, tanh, erf and rounding written without branches or calls, so that the loops of
/// `Exp`, `Sigmoid`, `Tanh`, `Erf`, `Gelu`, `Elu`, `Mish`, `Softmax`, `Floor`, … vectorize (the C library's functions are one
/// call per element; rounding instructions need SSE4.1, beyond the baseline x86-64 the package builds for).
///
/// exp follows Cephes' `expf`; tanh is Eigen's rational approximation; erf is x · P(x²) below 0.921875 and
/// 1 - exp(Q(x)) above, with polynomials fitted to erf by least squares. Errors are a few units in the last place
/// (tanh's up to 4e-7).
enum ElementwiseFastMath {
    /// eˣ: 2ⁿ · e^r with n = round(x / ln 2) and |r| ≤ ln 2 / 2. 2ⁿ is applied in two halves, so that the
    /// largest finite results and the subnormal ones come out right; past the clamps the result overflows to
    /// infinity or underflows to 0 by itself, and NaN goes through.
    @inline(__always)
    static func exp(_ x: Float) -> Float {
        let clamped = min(max(x, -104), 88.8)
        // Adding 1.5 · 2²³ rounds to an integer, which then sits in the low bits of the sum's pattern.
        let magic: Float = 12_582_912
        let shifted = clamped * 1.442_695_04 + magic
        let n = Int32(bitPattern: shifted.bitPattern) &- 0x4b40_0000
        let k = shifted - magic
        let r = clamped - k * 0.693_359_375 + k * 2.121_944_4e-4
        var p: Float = 1.987_569_15e-4
        p = p * r + 1.398_199_950_7e-3
        p = p * r + 8.333_451_907_3e-3
        p = p * r + 4.166_579_589_4e-2
        p = p * r + 1.666_666_545_9e-1
        p = p * r + 5.000_000_120_1e-1
        let half = n >> 1
        let first = Float(bitPattern: UInt32(bitPattern: (half &+ 127) &<< 23))
        let second = Float(bitPattern: UInt32(bitPattern: (n &- half &+ 127) &<< 23))
        return (p * r * r + r + 1) * first * second
    }

    /// eˣ - 1: a Taylor polynomial of degree 6 below 0.125 (where eˣ - 1 would cancel), eˣ - 1 above.
    @inline(__always)
    static func expm1(_ x: Float) -> Float {
        var p: Float = 1 / 720
        p = p * x + 1 / 120
        p = p * x + 1 / 24
        p = p * x + 1 / 6
        p = p * x + 0.5
        let small = x + x * x * p
        return x.magnitude < 0.125 ? small : exp(x) - 1
    }

    /// ln(1 + eˣ) = max(x, 0) + ln(1 + u) with u = e^-|x| in (0, 1], where ln(1 + u) = 2 atanh(s) with
    /// s = u / (2 + u) ≤ 1/3, whose odd series converges fast (and keeps tiny u exact).
    @inline(__always)
    static func softplus(_ x: Float) -> Float {
        let u = exp(-x.magnitude)
        let s = u / (2 + u)
        let z = s * s
        var p: Float = 1 / 15
        p = p * z + 1 / 13
        p = p * z + 1 / 11
        p = p * z + 1 / 9
        p = p * z + 1 / 7
        p = p * z + 1 / 5
        p = p * z + 1 / 3
        return max(x, 0) + 2 * s * (1 + z * p)
    }

    /// tanh x: the rational approximation x · P(x²) / Q(x²) on [-9, 9] that Eigen and MLAS use (within 4e-7),
    /// ±1 beyond.
    @inline(__always)
    static func tanh(_ x: Float) -> Float {
        let clamped = min(max(x, -9), 9)
        let z = clamped * clamped
        var p: Float = -2.760_768_477_423_55e-16
        p = p * z + 2.000_187_904_824_77e-13
        p = p * z - 8.604_671_522_137_35e-11
        p = p * z + 5.122_297_090_371_14e-8
        p = p * z + 1.485_722_357_179_79e-5
        p = p * z + 6.372_619_288_754_36e-4
        p = p * z + 4.893_524_558_917_86e-3
        var q: Float = 1.198_258_394_667_02e-6
        q = q * z + 1.185_347_056_866_54e-4
        q = q * z + 2.268_434_632_439e-3
        q = q * z + 4.893_525_185_543_85e-3
        return clamped * p / q
    }

    /// erf x, odd: |x| · P(x²) below 0.921875, 1 - exp(Q(|x|)) up to 3.925, 1 beyond (erfc(3.925) < 2⁻²⁷).
    @inline(__always)
    static func erf(_ x: Float) -> Float {
        let a = min(x.magnitude, 3.925)
        let z = a * a
        var p: Float = -6.047_158_4e-4
        p = p * z + 5.005_626e-3
        p = p * z - 2.677_640_3e-2
        p = p * z + 1.128_214e-1
        p = p * z - 3.761_253_4e-1
        p = p * z + 1.128_379_1
        var q: Float = 1.635_555_2e-6
        q = q * a - 4.599_288_5e-5
        q = q * a + 5.959_702e-4
        q = q * a - 4.754_332_8e-3
        q = q * a + 2.640_233_4e-2
        q = q * a - 1.100_402_2e-1
        q = q * a - 6.318_755_7e-1
        q = q * a - 1.130_200_3
        q = q * a + 3.109_433_7e-4
        let magnitude = a < 0.921_875 ? a * p : 1 - exp(q)
        return Float(signOf: x, magnitudeOf: magnitude)
    }

    /// x rounded to the nearest integer, halves to even: adding and removing 2²³ leaves no fraction bits.
    @inline(__always)
    static func roundedToEven(_ x: Float) -> Float {
        let magnitude = x.magnitude
        let rounded = (magnitude + 8_388_608) - 8_388_608
        return magnitude < 8_388_608 ? Float(signOf: x, magnitudeOf: rounded) : x
    }

    @inline(__always)
    static func floor(_ x: Float) -> Float {
        let rounded = roundedToEven(x)
        return rounded > x ? rounded - 1 : rounded
    }

    @inline(__always)
    static func ceil(_ x: Float) -> Float {
        let rounded = roundedToEven(x)
        return rounded < x ? rounded + 1 : rounded
    }
}
