/// The kernels of the unary math operators (`Neg`, `Abs`, `Sqrt`, `Sin`, …).
enum UnaryMathKernels {
    static let factories: [String: OperatorFactory] = [
        "Neg": ElementwiseMap.numericFactory(Neg()),
        "Abs": ElementwiseMap.numericFactory(Abs()),
        "Sign": ElementwiseMap.numericFactory(Sign()),
        "Sqrt": ElementwiseMap.floatFactory(Sqrt()),
        "Exp": ElementwiseMap.floatFactory(Exp()),
        "Log": ElementwiseMap.floatFactory(Log()),
        "Reciprocal": ElementwiseMap.floatFactory(Reciprocal()),
        "Floor": ElementwiseMap.floatFactory(Floor()),
        "Ceil": ElementwiseMap.floatFactory(Ceil()),
        "Round": ElementwiseMap.floatFactory(Round()),
        "Sin": ElementwiseMap.floatFactory(Sin()),
        "Cos": ElementwiseMap.floatFactory(Cos()),
        "Tan": ElementwiseMap.floatFactory(Tan()),
        "Asin": ElementwiseMap.floatFactory(Asin()),
        "Acos": ElementwiseMap.floatFactory(Acos()),
        "Atan": ElementwiseMap.floatFactory(Atan()),
        "Sinh": ElementwiseMap.floatFactory(Sinh()),
        "Cosh": ElementwiseMap.floatFactory(Cosh()),
        "Asinh": ElementwiseMap.floatFactory(Asinh()),
        "Acosh": ElementwiseMap.floatFactory(Acosh()),
        "Atanh": ElementwiseMap.floatFactory(Atanh()),
        "Erf": ElementwiseMap.floatFactory(Erf()),
    ]

    struct Neg: ElementwiseNumericKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { -x }
        @inline(__always) func apply<T: FixedWidthInteger>(integer x: T) -> T { 0 &- x }
    }

    struct Abs: ElementwiseNumericKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { x.magnitude }
        @inline(__always) func apply<T: FixedWidthInteger>(integer x: T) -> T { x < 0 ? 0 &- x : x }
    }

    struct Sign: ElementwiseNumericKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { x > 0 ? 1 : (x < 0 ? -1 : x) }
        @inline(__always) func apply<T: FixedWidthInteger>(integer x: T) -> T {
            x > 0 ? 1 : (x < 0 ? T(truncatingIfNeeded: -1) : 0)
        }
    }

    struct Sqrt: ElementwiseFloatKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { x.squareRoot() }
    }

    struct Exp: ElementwiseFloatKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { T.exp(x) }
    }

    struct Log: ElementwiseFloatKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { T.log(x) }
    }

    struct Reciprocal: ElementwiseFloatKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { 1 / x }
    }

    struct Floor: ElementwiseFloatKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { T.floor(x) }
    }

    struct Ceil: ElementwiseFloatKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { T.ceil(x) }
    }

    /// Rounds halves to the even neighbour, as the spec says.
    struct Round: ElementwiseFloatKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { T.round(x) }
    }

    struct Sin: ElementwiseFloatKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { T.sin(x) }
    }

    struct Cos: ElementwiseFloatKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { T.cos(x) }
    }

    struct Tan: ElementwiseFloatKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { T.tan(x) }
    }

    struct Asin: ElementwiseFloatKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { T.asin(x) }
    }

    struct Acos: ElementwiseFloatKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { T.acos(x) }
    }

    struct Atan: ElementwiseFloatKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { T.atan(x) }
    }

    struct Sinh: ElementwiseFloatKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { T.sinh(x) }
    }

    struct Cosh: ElementwiseFloatKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { T.cosh(x) }
    }

    struct Asinh: ElementwiseFloatKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { T.asinh(x) }
    }

    struct Acosh: ElementwiseFloatKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { T.acosh(x) }
    }

    struct Atanh: ElementwiseFloatKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { T.atanh(x) }
    }

    struct Erf: ElementwiseFloatKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { T.erf(x) }
    }
}
