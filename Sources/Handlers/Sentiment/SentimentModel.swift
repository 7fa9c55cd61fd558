internal import Serve

/// A loaded sentiment model, ready to score text.
public struct SentimentModel: Sendable {
    /// The validated artifact it came from.
    public let artifact: SentimentArtifact
    let settings: NaiveBayes.Settings
    private let table: FeatureTable

    /// Prepares a validated artifact.
    public init(_ artifact: SentimentArtifact) {
        self.artifact = artifact
        settings = artifact.training.settings
        // Validated when loaded: the weights decode, one per feature.
        table = FeatureTable(features: artifact.features, weights: artifact.decodedWeights()!)
    }

    /// The probability that `text` is positive.
    public func probability(_ text: String) -> Double {
        probability(score: features(of: text).reduce(artifact.bias) { $0 + table.weight($1) })
    }

    /// The probability of positive and the features that moved it most, strongest first (weight > 0 pushes toward positive).
    public func explain(_ text: String, limit: Int) -> (positive: Double, evidence: [(feature: String, weight: Double)])
    {
        let table = table
        let found = features(of: text)
        // The `limit` strongest distinct features, strongest first, ties in key order (the entries' order):
        // a text has a few dozen features, so inserting into a short list beats sorting them all.
        func isStronger(_ first: Int, than second: Int) -> Bool {
            let a = abs(table.weight(first)), b = abs(table.weight(second))
            return a > b || a == b && first < second
        }
        var strongest: [Int] = []
        strongest.reserveCapacity(limit + 1)
        for entry in found where !strongest.contains(entry) {
            let position = strongest.firstIndex { isStronger(entry, than: $0) } ?? strongest.count
            guard position < limit else { continue }
            strongest.insert(entry, at: position)
            if strongest.count > limit { strongest.removeLast() }
        }
        let evidence = strongest.map { (feature: table.feature($0), weight: table.weight($0) / artifact.temperature) }
        return (probability(score: found.reduce(artifact.bias) { $0 + table.weight($1) }), evidence)
    }

    /// The table entries of the features of `text` that the model knows, in the order ``NaiveBayes``
    /// scores them (tokens, then pairs of neighbouring tokens), so that sums come out bit for bit the same.
    private func features(of text: String) -> [Int] {
        let tokens = settings.tokenizer.tokenList(text)
        var entries: [Int] = []
        entries.reserveCapacity(2 * tokens.count)
        for index in 0..<tokens.count {
            if let entry = table.entry(tokens[index]) { entries.append(entry) }
        }
        if settings.bigrams, tokens.count > 1 {
            for index in 1..<tokens.count {
                if let entry = table.entry(tokens[index - 1], tokens[index]) { entries.append(entry) }
            }
        }
        return entries
    }

    private func probability(score: Double) -> Double { 1 / (1 + exp(-score / artifact.temperature)) }
}
