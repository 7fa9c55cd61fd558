import Glibc

/// The transform the `ai.onnx.ml` classifiers and regressors apply to their scores (`post_transform`).
///
/// The math follows onnxruntime, which models are converted against: a numerically stable logistic, the
/// Winitzki approximation of the inverse error function for PROBIT, and a SOFTMAX_ZERO that leaves zero scores
/// out of the sum.
enum MLPostTransform: Sendable, Equatable {
    case none
    case logistic
    case softmax
    case softmaxZero
    case probit

    /// The transform named by a `post_transform` string attribute.
    init(name: String) throws(OperatorError) {
        switch name {
        case "NONE": self = .none
        case "LOGISTIC": self = .logistic
        case "SOFTMAX": self = .softmax
        case "SOFTMAX_ZERO": self = .softmaxZero
        case "PROBIT": self = .probit
        default:
            throw OperatorError(
                "post_transform '\(name)' is not one of NONE, LOGISTIC, SOFTMAX, SOFTMAX_ZERO or PROBIT")
        }
    }

    /// The transform numbered as TreeEnsemble (ai.onnx.ml 5) numbers it.
    init(code: Int) throws(OperatorError) {
        switch code {
        case 0: self = .none
        case 1: self = .softmax
        case 2: self = .logistic
        case 3: self = .softmaxZero
        case 4: self = .probit
        default: throw OperatorError("post_transform \(code) is not one of 0 (NONE) to 4 (PROBIT)")
        }
    }

    /// The `post_transform` attribute of `spec` (NONE when absent).
    init(_ spec: NodeSpec) throws(OperatorError) {
        try self.init(name: spec.attributes.string("post_transform", default: "NONE"))
    }

    /// Applies the transform to each row of `columns` scores in place: the case of two or more scores per row.
    /// The linear and SVM operators compute the logistic directly (`precise`), as onnxruntime's vectorized
    /// version does; the tree ensembles as `1 - logistic(|x|)` for negative scores, which rounds small values.
    func applyRows(_ scores: UnsafeMutableBufferPointer<Float>, columns: Int, precise: Bool = true) {
        guard columns > 0, self != .none else { return }
        switch self {
        case .none: return
        case .logistic:
            if precise {
                for index in scores.indices { scores[index] = 1 / (1 + Glibc.exp(-scores[index])) }
            } else {
                for index in scores.indices { scores[index] = MLMath.logistic(scores[index]) }
            }
        case .probit:
            for index in scores.indices { scores[index] = MLMath.probit(scores[index]) }
        case .softmax, .softmaxZero:
            var start = 0
            while start + columns <= scores.count {
                let row = UnsafeMutableBufferPointer(rebasing: scores[start..<start + columns])
                if self == .softmax { MLMath.softmax(row) } else { MLMath.softmaxZero(row) }
                start += columns
            }
        }
    }

    /// Applies the transform to each row of `columns` scores in place.
    func applyRows(_ scores: inout [Float], columns: Int, precise: Bool = true) {
        scores.withUnsafeMutableBufferPointer { applyRows($0, columns: columns, precise: precise) }
    }

    /// Writes the two scores of a binary classifier that computed one score `score`, as onnxruntime does:
    /// PROBIT transforms the single score into the first column (onnxruntime leaves the second unset; it is 0
    /// here); otherwise `second` says how the pair is formed, LOGISTIC applying to the score first.
    func writeBinary(_ score: Float, _ second: MLSecondScore, to output: UnsafeMutablePointer<Float>) {
        if self == .probit {
            output[0] = MLMath.probit(score)
            if second != .single { output[1] = 0 }
            return
        }
        switch second {
        case .complement:
            let p = self == .logistic ? MLMath.logistic(score) : score
            output[0] = 1 - p
            output[1] = p
        case .negation:
            if self == .logistic {
                output[0] = MLMath.logistic(-score)
                output[1] = MLMath.logistic(score)
            } else {
                output[0] = -score
                output[1] = score
            }
        case .single:
            output[0] = score
        }
    }
}

/// How a binary classifier that computes one score fills its two score columns.
enum MLSecondScore: Sendable {
    /// `[1 - s, s]`: the score is the positive class's probability.
    case complement
    /// `[-s, s]`, or `[logistic(-s), logistic(s)]` under LOGISTIC: the score is a margin.
    case negation
    /// Only the first column is written.
    case single
}

/// The scalar functions of the ML operators, in single precision as onnxruntime computes them.
enum MLMath {
    static func logistic(_ value: Float) -> Float {
        let v = 1 / (1 + Glibc.exp(-Swift.abs(value)))
        return value < 0 ? 1 - v : v
    }

    /// The inverse error function by Winitzki's approximation (onnxruntime's `ErfInv`).
    static func erfInverse(_ value: Float) -> Float {
        let sign: Float = value < 0 ? -1 : 1
        let x = (1 - value) * (1 + value)
        let log = Glibc.log(x)
        let v = 2 / (Float.pi * 0.147) + 0.5 * log
        let v2 = 1 / Float(0.147) * log
        let v3 = -v + (v * v - v2).squareRoot()
        return sign * v3.squareRoot()
    }

    static func probit(_ value: Float) -> Float {
        Float(2).squareRoot() * erfInverse(2 * value - 1)
    }

    static func softmax(_ row: UnsafeMutableBufferPointer<Float>) {
        var maximum = -Float.greatestFiniteMagnitude
        for value in row where value > maximum { maximum = value }
        var sum: Float = 0
        for index in row.indices {
            let e = Glibc.exp(row[index] - maximum)
            row[index] = e
            sum += e
        }
        for index in row.indices { row[index] /= sum }
    }

    /// Softmax over the scores that are not zero; zero scores stay (almost) zero.
    static func softmaxZero(_ row: UnsafeMutableBufferPointer<Float>) {
        var maximum = -Float.greatestFiniteMagnitude
        for value in row where value > maximum { maximum = value }
        let expNegativeMaximum = Glibc.exp(-maximum)
        var sum: Float = 0
        for index in row.indices {
            let value = row[index]
            if value > 0.0000001 || value < -0.0000001 {
                let e = Glibc.exp(value - maximum)
                row[index] = e
                sum += e
            } else {
                row[index] = value * expNegativeMaximum
            }
        }
        for index in row.indices { row[index] /= sum }
    }
}
