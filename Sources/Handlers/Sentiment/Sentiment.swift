public import Serve

/// Scores the sentiment of English text with a naive Bayes model over words and word pairs, trained on
/// the VADER ground-truth sentences (see `data/README.md`).
///
/// The model is loaded once at start-up: the one compiled in, or the file given with
/// `--option sentiment.model=PATH`.
@EndpointGroup("sentiment")
public struct Sentiment {
    /// The model every call reads.
    public let model: SentimentModel

    /// Loads the model: `sentiment.model` names a file; without it the embedded model is used.
    public init(options: GroupOptions) throws {
        model = SentimentModel(
            try .load(path: options["sentiment.model"], orEmbedded: EmbeddedModels.sentiment, name: "sentiment")
        )
    }

    /// Scores whether a sentence is positive or negative.
    ///
    /// Trained on tweets, movie-review and product-review snippets; works best on a sentence or two of
    /// English. Any UTF-8 text is accepted.
    /// - Parameter text: The text to score (1 to 10,000 characters, not only whitespace).
    /// - Returns: The label, the probability of each, and the words or word pairs that weighed most.
    @Endpoint public func predict(text: SentimentText) -> SentimentPrediction {
        let (positive, evidence) = model.explain(text.text, limit: 5)
        return SentimentPrediction(
            label: positive >= 0.5 ? .positive : .negative,
            positive: positive,
            negative: 1 - positive,
            evidence: evidence
        )
    }
}

/// Positive or negative.
@Schema public enum SentimentLabel: String, Sendable {
    case negative, positive
}

/// A word or word pair that moved the score.
@Schema public struct Evidence: Sendable, Equatable {
    /// The token, or two tokens joined by a space (`not_` marks a word after a negation).
    public let feature: String
    /// Its calibrated log-odds contribution: above 0 pushes toward positive.
    public let weight: Double
}

/// What `sentiment.predict` answers.
@Schema public struct SentimentPrediction: Sendable, Equatable {
    /// The more probable label.
    public let label: SentimentLabel
    /// The probability that the text is positive.
    public let positive: Double
    /// The probability that the text is negative (1 − positive).
    public let negative: Double
    /// Up to five features that weighed most, strongest first.
    public let evidence: [Evidence]
}
