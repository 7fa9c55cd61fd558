/// TreeEnsembleRegressor (ai.onnx.ml 1, 3, 5): the leaf weights the rows reach in every tree, aggregated per target
/// (SUM, AVERAGE, MIN or MAX), plus `base_values`, then transformed. Output `[N, n_targets]` of floats.
struct TreeEnsembleRegressorOperator: Operator {
    let ensemble: MLTreeEnsemble
    let aggregate: MLTreeEnsemble.Aggregate
    let baseValues: [Double]
    let transform: MLPostTransform

    init(_ spec: NodeSpec) throws(OperatorError) {
        let targets = try spec.attributes.int("n_targets", default: 0)
        guard targets > 0 else { throw OperatorError("TreeEnsembleRegressor needs a positive 'n_targets'") }
        ensemble = try MLTreeEnsembleBuilder.nodesAndTargets(spec, prefix: "target", targetCount: targets)
        switch try spec.attributes.string("aggregate_function", default: "SUM") {
        case "SUM": aggregate = .sum
        case "AVERAGE": aggregate = .average
        case "MIN": aggregate = .min
        case "MAX": aggregate = .max
        case let other: throw OperatorError("aggregate_function '\(other)' is not one of SUM, AVERAGE, MIN or MAX")
        }
        baseValues = try spec.attributes.mlFloats("base_values") ?? []
        transform = try MLPostTransform(spec)
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let scores = try ensemble.evaluate(inputs.tensor(0), aggregate: aggregate, operator: "TreeEnsembleRegressor")
        let output = MLTreeFinish.regression(
            scores, targets: ensemble.targetCount, trees: ensemble.roots.count, aggregate: aggregate,
            baseValues: baseValues, transform: transform)
        return [.tensor(Tensor(checked: [scores.rows, ensemble.targetCount], .float(output.map { Float($0) })))]
    }
}

/// TreeEnsembleClassifier (ai.onnx.ml 1, 3, 5): per class, the sum of the leaf weights the rows reach plus
/// `base_values`; the label is the top class and the scores are transformed. A binary model whose weights are all
/// for one class scores that class alone, and its two columns and label follow onnxruntime's rules.
struct TreeEnsembleClassifierOperator: Operator {
    let ensemble: MLTreeEnsemble
    let labels: MLClassLabels
    let baseValues: [Double]
    let transform: MLPostTransform
    /// Two classes and every weight for the same one.
    let binaryCase: Bool
    let weightsArePositive: Bool

    init(_ spec: NodeSpec) throws(OperatorError) {
        labels = try MLClassLabels(spec, intsName: "classlabels_int64s")
        guard labels.count >= 2 else {
            throw OperatorError("TreeEnsembleClassifier needs at least two class labels, not \(labels.count)")
        }
        ensemble = try MLTreeEnsembleBuilder.nodesAndTargets(spec, prefix: "class", targetCount: labels.count)
        baseValues = try spec.attributes.mlFloats("base_values") ?? []
        guard baseValues.count <= labels.count else {
            throw OperatorError(
                "TreeEnsembleClassifier has \(baseValues.count) base_values for \(labels.count) classes")
        }
        transform = try MLPostTransform(spec)
        let classIds = try spec.attributes.ints("class_ids") ?? []
        binaryCase = labels.count == 2 && Set(classIds).count == 1
        weightsArePositive = (try spec.attributes.mlFloats("class_weights") ?? []).allSatisfy { $0 >= 0 }
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let scores = try ensemble.evaluate(inputs.tensor(0), aggregate: .sum, operator: "TreeEnsembleClassifier")
        // The trees' sums are exact-ish doubles; the rest is in the input's precision, as in onnxruntime.
        let output = scores.isDouble ? finish(scores, Double.self) : finish(scores, Float.self)
        return [
            .tensor(labels.tensor(output.choices)),
            .tensor(Tensor(checked: [scores.rows, labels.count], .float(output.scores))),
        ]
    }

    private func finish<T: BinaryFloatingPoint>(_ scores: MLTreeScores, _: T.Type) -> (scores: [Float], choices: [Int])
    {
        let classes = labels.count
        let base = baseValues.map { T($0) }
        var output = [Float](repeating: 0, count: scores.rows * classes)
        var choices = [Int](repeating: 0, count: scores.rows)
        var rowScores = [T](repeating: 0, count: classes)
        var rowHas = [Bool](repeating: false, count: classes)
        output.withUnsafeMutableBufferPointer { output in
            for row in 0..<scores.rows {
                let start = row * classes
                for k in 0..<classes {
                    rowScores[k] = T(scores.scores[start + k])
                    rowHas[k] = scores.hasScore[start + k]
                }
                let slice = UnsafeMutableBufferPointer(rebasing: output[start..<start + classes])
                if classes > 2 {
                    choices[row] = multiclass(&rowScores, &rowHas, base, into: slice)
                } else {
                    choices[row] = binary(&rowScores, &rowHas, base, into: slice)
                }
            }
        }
        return (output, choices)
    }

    private func multiclass<T: BinaryFloatingPoint>(
        _ scores: inout [T], _ has: inout [Bool], _ base: [T], into output: UnsafeMutableBufferPointer<Float>
    ) -> Int {
        for k in 0..<base.count {
            scores[k] = has[k] ? scores[k] + base[k] : base[k]
            has[k] = true
        }
        var best = -1
        for k in 0..<scores.count where has[k] && (best == -1 || scores[k] > scores[best]) { best = k }
        for k in 0..<scores.count { output[k] = has[k] ? Float(scores[k]) : 0 }
        transform.applyRows(output, columns: scores.count, precise: false)
        return max(best, 0)
    }

    private func binary<T: BinaryFloatingPoint>(
        _ scores: inout [T], _ has: inout [Bool], _ base: [T], into output: UnsafeMutableBufferPointer<Float>
    ) -> Int {
        var second: MLSecondScore = .single
        var size = 2
        if base.count == 2 {
            if has[1] {
                // onnxruntime's rule (it assumes both base values are equal).
                scores[1] = base[1] + scores[0]
                scores[0] = -scores[1]
            } else {
                scores[1] += base[1]
                scores[0] += base[0]
            }
        } else if base.count == 1 {
            scores[0] += base[0]
            if !has[1] { size = 1 }
        } else if base.isEmpty {
            second = .negation
            if !has[1] { size = 1 }
        }
        let positive = size == 2 && has[1] ? scores[1] : (has[0] ? scores[0] : 0)
        let choice: Int
        if binaryCase {
            if weightsArePositive {
                second = .complement
                choice = positive > 0.5 ? 1 : 0
            } else {
                second = .negation
                choice = positive > 0 ? 1 : 0
            }
        } else if case .strings = labels {
            choice = positive > 0 ? 1 : 0
        } else {
            choice = positive > 0 ? MLClassLabels.literalOne : MLClassLabels.literalZero
        }
        if size == 2 {
            for k in 0..<2 { output[k] = has[k] ? Float(scores[k]) : 0 }
            transform.applyRows(output, columns: 2, precise: false)
        } else if let address = output.baseAddress {
            transform.writeBinary(has[0] ? Float(scores[0]) : 0, second, to: address)
        }
        return choice
    }
}

/// The final scores of the regression ensembles, as onnxruntime computes them.
enum MLTreeFinish {
    /// One target: the aggregate plus the single base value, PROBIT the only transform. Several targets: the
    /// aggregate plus the base values (when there is one per target), 0 for a target no leaf weighted, transformed.
    static func regression(
        _ scores: MLTreeScores, targets: Int, trees: Int, aggregate: MLTreeEnsemble.Aggregate, baseValues: [Double],
        transform: MLPostTransform
    ) -> [Double] {
        scores.isDouble
            ? regression(scores, Double.self, targets, trees, aggregate, baseValues, transform)
            : regression(scores, Float.self, targets, trees, aggregate, baseValues, transform)
    }

    private static func regression<T: BinaryFloatingPoint>(
        _ scores: MLTreeScores, _: T.Type, _ targets: Int, _ trees: Int, _ aggregate: MLTreeEnsemble.Aggregate,
        _ baseValues: [Double], _ transform: MLPostTransform
    ) -> [Double] {
        let has = scores.hasScore
        let divisor = T(aggregate == .average ? max(trees, 1) : 1)
        var values = [Double](repeating: 0, count: scores.scores.count)
        if targets == 1 {
            let origin = T(baseValues.count == 1 ? baseValues[0] : 0)
            for row in values.indices {
                let sum = T(scores.scores[row])
                let value = (aggregate == .sum || aggregate == .average || has[row] ? sum / divisor : 0) + origin
                values[row] = transform == .probit ? Double(MLMath.probit(Float(value))) : Double(value)
            }
            return values
        }
        let base = baseValues.count == targets ? baseValues.map { T($0) } : [T](repeating: 0, count: targets)
        for index in values.indices where has[index] {
            values[index] = Double(T(scores.scores[index]) / divisor + base[index % targets])
        }
        guard transform != .none else { return values }
        var floats = values.map { Float($0) }
        transform.applyRows(&floats, columns: targets, precise: false)
        return floats.map { Double($0) }
    }
}
