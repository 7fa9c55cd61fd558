/// The matrix product the linear ML operators share: `X · Wᵀ + b` for rows of features.
enum MLLinear {
    /// Scores `[rows, targets]` of `x` against `targets` weight rows of `x.columns` each, plus `intercepts`
    /// (empty for none).
    static func scores(_ x: MLFeatureMatrix, weights: [Float], intercepts: [Float], targets: Int) -> [Float] {
        let features = x.columns
        var scores = [Float](repeating: 0, count: x.rows * targets)
        let bias = intercepts.isEmpty ? [Float](repeating: 0, count: targets) : intercepts
        x.values.withUnsafeBufferPointer { input in
            weights.withUnsafeBufferPointer { weights in
                bias.withUnsafeBufferPointer { bias in
                    scores.withUnsafeMutableBufferPointer { output in
                        guard let input = input.baseAddress, let weights = weights.baseAddress,
                            let output = output.baseAddress
                        else { return }
                        for row in 0..<x.rows {
                            let a = input + row * features
                            for target in 0..<targets {
                                let w = weights + target * features
                                var sum: Float = 0
                                for feature in 0..<features { sum += a[feature] * w[feature] }
                                output[row * targets + target] = sum + bias[target]
                            }
                        }
                    }
                }
            }
        }
        return scores
    }
}

/// LinearClassifier (ai.onnx.ml 1): one linear score per class, the top class as label and the transformed scores.
///
/// A single row of coefficients with two class labels is the binary case: the label is the second class when the
/// score is positive, and the two score columns are `[1 - s, s]` as onnxruntime writes them.
struct LinearClassifierOperator: Operator {
    let coefficients: [Float]
    let intercepts: [Float]
    let labels: MLClassLabels
    let transform: MLPostTransform

    init(_ spec: NodeSpec) throws(OperatorError) {
        guard let coefficients = try spec.attributes.floats("coefficients"), !coefficients.isEmpty else {
            throw OperatorError("LinearClassifier needs the attribute 'coefficients'")
        }
        self.coefficients = coefficients
        intercepts = try spec.attributes.floats("intercepts") ?? []
        labels = try MLClassLabels(spec, intsName: "classlabels_ints")
        transform = try MLPostTransform(spec)
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try MLFeatureMatrix(inputs.tensor(0), operator: "LinearClassifier")
        guard x.columns > 0, coefficients.count % x.columns == 0 else {
            throw OperatorError(
                "input 0 has \(x.columns) features; LinearClassifier's \(coefficients.count) coefficients need a "
                    + "number of features that divides them")
        }
        let targets = coefficients.count / x.columns
        guard intercepts.isEmpty || intercepts.count == targets else {
            throw OperatorError("LinearClassifier has \(intercepts.count) intercepts for \(targets) classes")
        }
        guard targets == 1 || labels.count >= targets else {
            throw OperatorError("LinearClassifier has \(labels.count) class labels for \(targets) classes")
        }
        let scores = MLLinear.scores(x, weights: coefficients, intercepts: intercepts, targets: targets)
        var choices = [Int](repeating: 0, count: x.rows)
        if targets == 1 {
            let useLabels = labels.count == 2
            for row in 0..<x.rows {
                let positive = scores[row] > 0
                choices[row] =
                    useLabels ? (positive ? 1 : 0) : (positive ? MLClassLabels.literalOne : MLClassLabels.literalZero)
            }
        } else {
            for row in 0..<x.rows {
                var best = 0
                var bestScore = scores[row * targets]
                for target in 1..<targets where scores[row * targets + target] > bestScore {
                    best = target
                    bestScore = scores[row * targets + target]
                }
                choices[row] = best
            }
        }
        let output: Tensor
        if targets == 1 && labels.count == 2 {
            var pairs = [Float](repeating: 0, count: x.rows * 2)
            pairs.withUnsafeMutableBufferPointer { pairs in
                guard let base = pairs.baseAddress else { return }
                for row in 0..<x.rows { transform.writeBinary(scores[row], .complement, to: base + 2 * row) }
            }
            output = Tensor(checked: [x.rows, 2], .float(pairs))
        } else {
            var transformed = scores
            if targets > 1 {
                transform.applyRows(&transformed, columns: targets)
            } else if transform == .probit {
                for index in transformed.indices { transformed[index] = MLMath.probit(transformed[index]) }
            }
            output = Tensor(checked: [x.rows, targets], .float(transformed))
        }
        return [.tensor(labels.tensor(choices)), .tensor(output)]
    }
}

/// LinearRegressor (ai.onnx.ml 1): `targets` linear functions of the features, optionally transformed.
struct LinearRegressorOperator: Operator {
    let coefficients: [Float]
    let intercepts: [Float]
    let targets: Int
    let transform: MLPostTransform

    init(_ spec: NodeSpec) throws(OperatorError) {
        targets = try spec.attributes.int("targets", default: 1)
        guard targets > 0 else { throw OperatorError("LinearRegressor's 'targets' is \(targets); it must be positive") }
        coefficients = try spec.attributes.floats("coefficients") ?? []
        guard !coefficients.isEmpty, coefficients.count % targets == 0 else {
            throw OperatorError(
                "LinearRegressor has \(coefficients.count) coefficients, not a multiple of its \(targets) targets")
        }
        let intercepts = try spec.attributes.floats("intercepts") ?? []
        // onnxruntime ignores intercepts that do not match the targets.
        self.intercepts = intercepts.count == targets ? intercepts : []
        transform = try MLPostTransform(spec)
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let tensor = try inputs.tensor(0)
        let x: MLFeatureMatrix
        if tensor.rank == 0 {
            x = try MLFeatureMatrix(tensor.reshapedForML([1]), operator: "LinearRegressor")
        } else {
            x = try MLFeatureMatrix(tensor, operator: "LinearRegressor")
        }
        let features = coefficients.count / targets
        guard x.columns == features else {
            throw OperatorError("input 0 has \(x.columns) features; LinearRegressor's coefficients need \(features)")
        }
        var scores = MLLinear.scores(x, weights: coefficients, intercepts: intercepts, targets: targets)
        if targets > 1 {
            transform.applyRows(&scores, columns: targets)
        } else if transform == .probit {
            for index in scores.indices { scores[index] = MLMath.probit(scores[index]) }
        }
        return [.tensor(Tensor(checked: [x.rows, targets], .float(scores)))]
    }
}

extension Tensor {
    /// The same elements with `shape`, which the caller knows holds as many.
    func reshapedForML(_ shape: [Int]) -> Tensor { Tensor(checked: shape, data) }
}
