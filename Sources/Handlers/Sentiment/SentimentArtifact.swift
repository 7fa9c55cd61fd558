public import Serve

/// The sentiment model as a file: versioned JSON (never executable), validated when loaded.
@Schema public struct SentimentArtifact: ModelArtifact {
    public static let currentFormatVersion = 1
    public static let expectedKind = "multinomial-naive-bayes"

    /// How the model was trained and its settings chosen.
    @Schema public struct Training: Equatable, Sendable {
        /// SHA-256 of the corpus file.
        public var dataSHA256: String
        /// Lines trained on (the first ones of the file).
        public var rows: Int
        /// The last lines of the training part, held out to choose the settings and the temperature.
        public var validationRows: Int
        public var validationAccuracy: Double
        var settings: NaiveBayes.Settings
    }

    /// Scores on the corpus's test lines (the ones after the training lines).
    @Schema public struct Metrics: Equatable, Sendable {
        public var testAccuracy: Double
        public var testCorrect: Int
        public var testRows: Int
        public var testLogLoss: Double
    }

    public var formatVersion: Int
    public var kind: String
    public var classes: [String]
    /// Prior log-odds of positive.
    public var bias: Double
    /// Calibration: scores are divided by it.
    public var temperature: Double
    /// Log-likelihood ratio (positive over negative) of each feature: a token, or two tokens joined by a space.
    public var weights: [String: Double]
    public var training: Training
    public var metrics: Metrics

    /// Checks the classes and that every number is usable.
    public func validate(path: String) throws(ModelFileError) {
        guard classes == SentimentCorpus.labels else {
            throw ModelFileError(path, "classes must be negative, positive")
        }
        guard !weights.isEmpty else { throw ModelFileError(path, "the vocabulary is empty") }
        guard bias.isFinite, temperature.isFinite, temperature > 0, weights.values.allSatisfy(\.isFinite) else {
            throw ModelFileError(path, "a weight, the bias or the temperature is not a finite number (temperature > 0)")
        }
    }
}
