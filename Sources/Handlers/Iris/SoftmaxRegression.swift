import Serve

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Multinomial logistic regression on standardised features with an L2 penalty, fitted by Newton's
/// method with a backtracking line search: deterministic (no randomness, fixed order of arithmetic),
/// so the same data gives the same weights to the last bit, in a dozen steps.
///
/// The objective is scikit-learn's, divided by the row count: `Σ cross-entropy / n + ‖W‖² / (2·C·n)`.
/// Intercepts get a negligible ridge (1e-9) only to pin down the softmax's free constant.
struct SoftmaxRegression: Sendable {
    /// How training runs.
    @Schema struct Settings: Equatable, Sendable {
        /// Inverse regularisation strength, as scikit-learn's `C`.
        var c: Double = 1.0
        /// Training stops after this many Newton steps or when the gradient's largest component is below `tolerance`.
        var maximumIterations: Int = 100
        var tolerance: Double = 1e-10
    }

    var mean: [Double]
    var scale: [Double]
    /// One row of weights per class, on standardised features.
    var weights: [[Double]]
    var intercepts: [Double]
    /// Newton steps taken.
    var iterations: Int

    /// Fits the model to `features` (one row per sample) and `labels` (class indices below `classes`).
    static func train(features: [[Double]], labels: [Int], classes: Int, settings: Settings) -> SoftmaxRegression {
        let rows = Double(features.count)
        let width = features[0].count
        let mean = (0..<width).map { column in features.reduce(0) { $0 + $1[column] } / rows }
        let scale = (0..<width).map { column in
            let variance = features.reduce(0) { $0 + ($1[column] - mean[column]) * ($1[column] - mean[column]) } / rows
            return variance > 0 ? variance.squareRoot() : 1
        }
        // Each row standardised, with a trailing 1 for the intercept.
        let inputs = features.map { row in (0..<width).map { (row[$0] - mean[$0]) / scale[$0] } + [1] }
        let problem = Objective(inputs: inputs, labels: labels, classes: classes, c: settings.c)

        var parameters = [Double](repeating: 0, count: classes * (width + 1))
        var iterations = 0
        while iterations < settings.maximumIterations {
            let (value, gradient, hessian) = problem.evaluate(parameters)
            if gradient.map(abs).max() ?? 0 < settings.tolerance { break }
            let step = solve(hessian, gradient)
            var length = 1.0
            var candidate = zip(parameters, step).map { $0 - length * $1 }
            while problem.value(candidate) > value, length > 1e-8 {
                length /= 2
                candidate = zip(parameters, step).map { $0 - length * $1 }
            }
            parameters = candidate
            iterations += 1
        }
        let stride = width + 1
        return SoftmaxRegression(
            mean: mean,
            scale: scale,
            weights: (0..<classes).map { Array(parameters[$0 * stride..<$0 * stride + width]) },
            intercepts: (0..<classes).map { parameters[$0 * stride + width] },
            iterations: iterations
        )
    }

    /// Class probabilities for one raw (unstandardised) row.
    func probabilities(_ row: [Double]) -> [Double] {
        let standardised = (0..<row.count).map { (row[$0] - mean[$0]) / scale[$0] }
        return softmax(
            weights.indices.map { k in zip(weights[k], standardised).reduce(intercepts[k]) { $0 + $1.0 * $1.1 } })
    }

    /// Solves `matrix · x = vector` for a symmetric positive-definite matrix (Cholesky).
    static func solve(_ matrix: [[Double]], _ vector: [Double]) -> [Double] {
        let size = vector.count
        var lower = [[Double]](repeating: [Double](repeating: 0, count: size), count: size)
        for i in 0..<size {
            for j in 0...i {
                var sum = matrix[i][j]
                for k in 0..<j { sum -= lower[i][k] * lower[j][k] }
                lower[i][j] = i == j ? max(sum, 1e-300).squareRoot() : sum / lower[j][j]
            }
        }
        var y = [Double](repeating: 0, count: size)
        for i in 0..<size {
            y[i] = (vector[i] - (0..<i).reduce(0) { $0 + lower[i][$1] * y[$1] }) / lower[i][i]
        }
        var x = [Double](repeating: 0, count: size)
        for i in (0..<size).reversed() {
            x[i] = (y[i] - (i + 1..<size).reduce(0) { $0 + lower[$1][i] * x[$1] }) / lower[i][i]
        }
        return x
    }
}

/// The training objective over parameters laid out class by class: `[w₀…w_d, b]` per class.
private struct Objective {
    let inputs: [[Double]]
    let labels: [Int]
    let classes: Int
    let c: Double

    var stride: Int { inputs[0].count }

    /// The ridge on parameter `index`: the L2 penalty for weights, a negligible one for intercepts.
    func ridge(_ index: Int) -> Double {
        index % stride == stride - 1 ? 1e-9 : 1 / (c * Double(inputs.count))
    }

    func scores(_ parameters: [Double], _ input: [Double]) -> [Double] {
        (0..<classes).map { k in (0..<stride).reduce(0) { $0 + parameters[k * stride + $1] * input[$1] } }
    }

    func value(_ parameters: [Double]) -> Double {
        let rows = Double(inputs.count)
        var total = parameters.indices.reduce(0) { $0 + ridge($1) * parameters[$1] * parameters[$1] / 2 }
        for (input, label) in zip(inputs, labels) {
            total -= log(max(softmax(scores(parameters, input))[label], 1e-300)) / rows
        }
        return total
    }

    func evaluate(_ parameters: [Double]) -> (value: Double, gradient: [Double], hessian: [[Double]]) {
        let rows = Double(inputs.count)
        let size = parameters.count
        var gradient = parameters.indices.map { ridge($0) * parameters[$0] }
        var hessian = (0..<size).map { i in (0..<size).map { j in i == j ? ridge(i) : 0 } }
        for (input, label) in zip(inputs, labels) {
            let p = softmax(scores(parameters, input))
            for k in 0..<classes {
                let error = p[k] - (k == label ? 1 : 0)
                for a in 0..<stride { gradient[k * stride + a] += error * input[a] / rows }
                for l in 0..<classes {
                    let curvature = (k == l ? p[k] : 0) - p[k] * p[l]
                    for a in 0..<stride {
                        for b in 0..<stride {
                            hessian[k * stride + a][l * stride + b] += curvature * input[a] * input[b] / rows
                        }
                    }
                }
            }
        }
        return (value(parameters), gradient, hessian)
    }
}

/// Probabilities from scores, computed stably.
func softmax(_ scores: [Double]) -> [Double] {
    let top = scores.max() ?? 0
    let exponentials = scores.map { exp($0 - top) }
    let total = exponentials.reduce(0, +)
    return exponentials.map { $0 / total }
}
