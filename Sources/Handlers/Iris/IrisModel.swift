internal import Serve

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A loaded iris classifier, ready to predict: the artifact's standardisation folded into the weights,
/// so a prediction is three dot products of four numbers and a softmax, with no allocation.
public struct IrisModel: Sendable {
    /// The validated artifact it came from.
    public let artifact: IrisArtifact
    private let weights: [SIMD4<Double>]
    private let intercepts: [Double]

    /// Prepares a validated artifact for prediction.
    public init(_ artifact: IrisArtifact) {
        self.artifact = artifact
        let scale = SIMD4(artifact.scale)
        let mean = SIMD4(artifact.mean)
        weights = artifact.weights.map { SIMD4($0) / scale }
        intercepts = zip(artifact.intercepts, weights).map { $0 - ($1 * mean).sum() }
    }

    /// The probability of each species, in ``IrisDataset/speciesNames`` order, for measurements in centimetres.
    public func probabilities(_ measurements: SIMD4<Double>) -> (Double, Double, Double) {
        let scores = (
            (weights[0] * measurements).sum() + intercepts[0],
            (weights[1] * measurements).sum() + intercepts[1],
            (weights[2] * measurements).sum() + intercepts[2]
        )
        let top = max(scores.0, scores.1, scores.2)
        let exponentials = (exp(scores.0 - top), exp(scores.1 - top), exp(scores.2 - top))
        let total = exponentials.0 + exponentials.1 + exponentials.2
        return (exponentials.0 / total, exponentials.1 / total, exponentials.2 / total)
    }
}
