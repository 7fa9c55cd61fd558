import Serve

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Multinomial naive Bayes over token and token-pair counts, for two classes, kept as what prediction
/// needs: one log-likelihood ratio per feature, a prior log-odds, and a temperature that calibrates
/// the probabilities.
struct NaiveBayes: Sendable {
    /// How features are made and counted.
    @Schema struct Settings: Equatable, Sendable {
        var tokenizer: Tokenizer = Tokenizer()
        var bigrams: Bool = true
        /// Additive smoothing.
        var alpha: Double = 0.5
        /// Features seen fewer times than this in training are dropped.
        var minimumCount: Int = 2
    }

    /// `log P(feature | positive) − log P(feature | negative)` for each kept feature.
    var weights: [String: Double]
    /// `log P(positive) − log P(negative)`.
    var bias: Double
    /// Scores are divided by this before the logistic function (1 = naive Bayes as is).
    var temperature = 1.0

    /// Per-feature counts for each class, from which models with any smoothing can be made cheaply.
    struct Counts {
        var features: [String: (negative: Int, positive: Int)] = [:]
        var documents = (negative: 0, positive: 0)

        init(features documents: [[String]], labels: [Int]) {
            for (features, label) in zip(documents, labels) {
                if label == 1 { self.documents.positive += 1 } else { self.documents.negative += 1 }
                for feature in features {
                    var count = self.features[feature, default: (0, 0)]
                    if label == 1 { count.positive += 1 } else { count.negative += 1 }
                    self.features[feature] = count
                }
            }
        }
    }

    init(counts: Counts, alpha: Double, minimumCount: Int) {
        let kept = counts.features.filter { $0.value.negative + $0.value.positive >= minimumCount }
        let totals = kept.values.reduce((negative: 0.0, positive: 0.0)) {
            ($0.negative + Double($1.negative), $0.positive + Double($1.positive))
        }
        let size = Double(kept.count)
        let positiveDenominator = log(totals.positive + alpha * size)
        let negativeDenominator = log(totals.negative + alpha * size)
        weights = kept.mapValues { count in
            (log(Double(count.positive) + alpha) - positiveDenominator)
                - (log(Double(count.negative) + alpha) - negativeDenominator)
        }
        bias = log(Double(counts.documents.positive)) - log(Double(counts.documents.negative))
    }

    init(weights: [String: Double], bias: Double, temperature: Double) {
        self.weights = weights
        self.bias = bias
        self.temperature = temperature
    }

    /// The naive Bayes log-odds of positive for these features (before calibration).
    func score(_ features: [String]) -> Double {
        features.reduce(bias) { $0 + (weights[$1] ?? 0) }
    }

    /// The calibrated probability of positive.
    func probability(_ features: [String]) -> Double {
        1 / (1 + exp(-score(features) / temperature))
    }

    /// The temperature that minimises log-loss on held-out rows (a grid from 1 to 20 in steps of 0.05).
    func calibratedTemperature(features: [[String]], labels: [Int]) -> Double {
        let scores = features.map(score)
        func logLoss(_ temperature: Double) -> Double {
            zip(scores, labels).reduce(0) { total, pair in
                let p = 1 / (1 + exp(-pair.0 / temperature))
                return total - log(max(pair.1 == 1 ? p : 1 - p, 1e-15))
            }
        }
        return stride(from: 1.0, through: 20.0, by: 0.05).min { logLoss($0) < logLoss($1) } ?? 1
    }
}
