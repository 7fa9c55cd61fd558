/// The activations applied to each element alone, as kernels of `ElementwiseUnaryOperator` (`Relu` takes
/// integers too, from opset 14). Attributes are read once, when the model loads.
enum PointwiseActivations {
    static let factories: [String: OperatorFactory] = [
        "Relu": ElementwiseMap.numericFactory(Relu()),
        "Sigmoid": ElementwiseMap.floatFactory(Sigmoid()),
        "Tanh": ElementwiseMap.floatFactory(Tanh()),
        "Softplus": ElementwiseMap.floatFactory(Softplus()),
        "Softsign": ElementwiseMap.floatFactory(Softsign()),
        "Mish": ElementwiseMap.floatFactory(Mish()),
        "HardSwish": ElementwiseMap.floatFactory(HardSigmoid(alpha: 1 / 6, beta: 0.5, timesInput: true)),
        "LeakyRelu": { spec throws(OperatorError) in
            ElementwiseUnaryOperator(floats: LeakyRelu(alpha: try spec.attributes.float("alpha", default: 0.01)))
        },
        "Elu": { spec throws(OperatorError) in
            ElementwiseUnaryOperator(floats: Elu(alpha: try spec.attributes.float("alpha", default: 1)))
        },
        "Selu": { spec throws(OperatorError) in
            ElementwiseUnaryOperator(
                floats: Selu(
                    alpha: try spec.attributes.float("alpha", default: 1.67326319217681884765625),
                    gamma: try spec.attributes.float("gamma", default: 1.05070102214813232421875)))
        },
        "Celu": { spec throws(OperatorError) in
            let alpha = try spec.attributes.float("alpha", default: 1)
            guard alpha != 0 else { throw OperatorError("attribute 'alpha' is 0; Celu divides by it") }
            return ElementwiseUnaryOperator(floats: Celu(alpha: alpha))
        },
        "HardSigmoid": { spec throws(OperatorError) in
            ElementwiseUnaryOperator(
                floats: HardSigmoid(
                    alpha: try spec.attributes.float("alpha", default: 0.2),
                    beta: try spec.attributes.float("beta", default: 0.5), timesInput: false))
        },
        "ThresholdedRelu": { spec throws(OperatorError) in
            ElementwiseUnaryOperator(floats: ThresholdedRelu(alpha: try spec.attributes.float("alpha", default: 1)))
        },
        "Gelu": { spec throws(OperatorError) in
            switch try spec.attributes.string("approximate", default: "none") {
            case "none": return ElementwiseUnaryOperator(floats: Gelu())
            case "tanh": return ElementwiseUnaryOperator(floats: TanhGelu())
            case let other: throw OperatorError("attribute 'approximate' is '\(other)'; it must be none or tanh")
            }
        },
    ]

    struct Relu: ElementwiseNumericKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { max(x, 0) }
        @inline(__always) func apply<T: FixedWidthInteger>(integer x: T) -> T { x < 0 ? 0 : x }
    }

    struct LeakyRelu: ElementwiseFloatKernel {
        let alpha: Float
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { x < 0 ? T(alpha) * x : x }
    }

    struct ThresholdedRelu: ElementwiseFloatKernel {
        let alpha: Float
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { x > T(alpha) ? x : 0 }
    }

    struct Elu: ElementwiseFloatKernel {
        let alpha: Float
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { x < 0 ? T(alpha) * T.expm1(x) : x }
    }

    struct Selu: ElementwiseFloatKernel {
        let alpha: Float
        let gamma: Float
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T {
            T(gamma) * (x > 0 ? x : T(alpha) * T.expm1(x))
        }
    }

    struct Celu: ElementwiseFloatKernel {
        let alpha: Float
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { x > 0 ? x : T(alpha) * T.expm1(x / T(alpha)) }
    }

    /// max(0, min(1, alpha · x + beta)), times x for `HardSwish`.
    struct HardSigmoid: ElementwiseFloatKernel {
        let alpha: Float
        let beta: Float
        let timesInput: Bool
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T {
            let y = max(0, min(1, T(alpha) * x + T(beta)))
            return timesInput ? x * y : y
        }
    }

    /// 1 / (1 + e⁻ˣ): for large negative x, e⁻ˣ overflows to infinity and the result is 0, as it should be.
    struct Sigmoid: ElementwiseFloatKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { 1 / (1 + T.exp(-x)) }
    }

    struct Tanh: ElementwiseFloatKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { T.tanh(x) }
    }

    /// ln(1 + eˣ).
    struct Softplus: ElementwiseFloatKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { T.softplus(x) }
    }

    struct Softsign: ElementwiseFloatKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { x / (1 + x.magnitude) }
    }

    struct Mish: ElementwiseFloatKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T { x * T.tanh(T.softplus(x)) }
    }

    /// x · Φ(x) = x / 2 · (1 + erf(x / √2)).
    struct Gelu: ElementwiseFloatKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T {
            x * 0.5 * (1 + T.erf(x * 0.707_106_781_186_547_524_4))
        }
    }

    /// The tanh approximation: x / 2 · (1 + tanh(√(2/π) · (x + 0.044715 x³))).
    struct TanhGelu: ElementwiseFloatKernel {
        @inline(__always) func apply<T: ElementwiseFloat>(_ x: T) -> T {
            x * 0.5 * (1 + T.tanh(0.797_884_560_802_865_355_9 * (x + 0.044715 * x * x * x)))
        }
    }
}
