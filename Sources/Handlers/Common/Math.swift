#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// The C math functions the models use, in one place: FoundationEssentials (which the handlers import
// instead of Foundation, whose ICU data would add about 40 MB to a static binary) does not re-export them.

/// e raised to `x`.
func exp(_ x: Double) -> Double {
    #if canImport(Glibc)
        Glibc.exp(x)
    #else
        Darwin.exp(x)
    #endif
}

/// The natural logarithm of `x`.
func log(_ x: Double) -> Double {
    #if canImport(Glibc)
        Glibc.log(x)
    #else
        Darwin.log(x)
    #endif
}
