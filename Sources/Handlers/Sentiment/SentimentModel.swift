/// A loaded sentiment model, ready to score text.
public struct SentimentModel: Sendable {
    /// The validated artifact it came from.
    public let artifact: SentimentArtifact
    let classifier: NaiveBayes
    let settings: NaiveBayes.Settings

    /// Prepares a validated artifact.
    public init(_ artifact: SentimentArtifact) {
        self.artifact = artifact
        classifier = NaiveBayes(weights: artifact.weights, bias: artifact.bias, temperature: artifact.temperature)
        settings = artifact.training.settings
    }

    /// The features this model counts in `text`.
    func features(_ text: String) -> [String] {
        settings.tokenizer.features(text, bigrams: settings.bigrams)
    }

    /// The probability that `text` is positive.
    public func probability(_ text: String) -> Double {
        classifier.probability(features(text))
    }

    /// The probability of positive and the features that moved it most, strongest first (weight > 0 pushes toward positive).
    public func explain(_ text: String, limit: Int) -> (positive: Double, evidence: [(feature: String, weight: Double)])
    {
        let features = features(text)
        var seen: Set<String> = []
        let evidence = features.compactMap { feature -> (feature: String, weight: Double)? in
            guard let weight = classifier.weights[feature], seen.insert(feature).inserted else { return nil }
            return (feature, weight / classifier.temperature)
        }
        let strongest = evidence.sorted {
            abs($0.weight) > abs($1.weight) || abs($0.weight) == abs($1.weight) && $0.feature < $1.feature
        }
        return (classifier.probability(features), Array(strongest.prefix(limit)))
    }
}
