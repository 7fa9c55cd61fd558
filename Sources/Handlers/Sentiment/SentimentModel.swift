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
        var score = artifact.bias
        forEachFeature(of: text) { score += $0.weight }
        return probability(score: score)
    }

    /// The probability of positive and the features that moved it most, strongest first (weight > 0 pushes
    /// toward positive).
    public func explain(_ text: String, limit: Int) -> (positive: Double, evidence: [Evidence]) {
        var score = artifact.bias
        // The `limit` strongest distinct features, strongest first, ties in the features' order: a text has
        // a few dozen features, so inserting into a short list beats sorting them all.
        var strongest: [FeatureTable.Match] = []
        strongest.reserveCapacity(limit + 1)
        forEachFeature(of: text) { match in
            score += match.weight
            // Most features are weaker than all the kept ones.
            if strongest.count == limit, let weakest = strongest.last, !Self.isStronger(match, than: weakest) { return }
            let position = strongest.firstIndex { Self.isStronger(match, than: $0) } ?? strongest.count
            guard position < limit, !strongest.contains(where: { $0.entry == match.entry }) else { return }
            strongest.insert(match, at: position)
            if strongest.count > limit { strongest.removeLast() }
        }
        let evidence = strongest.map { Evidence(feature: table.feature($0), weight: $0.weight / artifact.temperature) }
        return (probability(score: score), evidence)
    }

    private static func isStronger(_ first: FeatureTable.Match, than second: FeatureTable.Match) -> Bool {
        let a = abs(first.weight), b = abs(second.weight)
        return a > b || a == b && first.entry < second.entry
    }

    /// Calls `body` with each feature of `text` that the model knows, in the order ``NaiveBayes`` scores
    /// them (tokens, then pairs of neighbouring tokens), so that sums come out bit for bit the same.
    private func forEachFeature(of text: String, _ body: (FeatureTable.Match) -> Void) {
        settings.tokenizer.tokenList(text).withUnsafeTokens { tokens in
            // Each token is hashed once; a pair's hash is made from its tokens'.
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: tokens.count) { hashes in
                for index in 0..<tokens.count {
                    hashes[index] = FeatureTable.hash(tokens[index])
                    if let match = table.match(tokens[index], hash: hashes[index]) { body(match) }
                }
                guard settings.bigrams, tokens.count > 1 else { return }
                for index in 1..<tokens.count {
                    let hash = FeatureTable.hash(pair: hashes[index - 1], hashes[index])
                    if let match = table.match(tokens[index - 1], tokens[index], hash: hash) { body(match) }
                }
            }
        }
    }

    private func probability(score: Double) -> Double { 1 / (1 + exp(-score / artifact.temperature)) }
}
