public import Serve

/// The sentiment model as a file: versioned JSON (never executable), validated when loaded. The features
/// are a list of strings and their weights one base64 string of float64 values, which `serve` reads in a
/// few milliseconds at start-up (as an object of 33,000 decimals it took over 20).
@Schema public struct SentimentArtifact: ModelArtifact {
    public static let currentFormatVersion = 2
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
    /// Every feature the model knows, a token or two tokens joined by a space, in ascending order.
    public var features: [String]
    /// Base64 of the log-likelihood ratio (positive over negative) of each feature, in the order of
    /// `features`, as little-endian float64.
    public var weights: String
    public var training: Training
    public var metrics: Metrics

    /// Checks the classes, that the features are unique, and that every number is usable.
    public func validate(path: String) throws(ModelFileError) {
        guard classes == SentimentCorpus.labels else {
            throw ModelFileError(path, "classes must be negative, positive")
        }
        guard !features.isEmpty else { throw ModelFileError(path, "the vocabulary is empty") }
        // Ascending order makes the file deterministic and each feature's weight unambiguous.
        guard zip(features, features.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw ModelFileError(path, "features must be unique and in ascending order")
        }
        guard let values = decodedWeights(), values.count == features.count else {
            throw ModelFileError(
                path, "weights must be base64 of \(features.count) little-endian float64 values, one per feature")
        }
        guard bias.isFinite, temperature.isFinite, temperature > 0, values.allSatisfy(\.isFinite) else {
            throw ModelFileError(path, "a weight, the bias or the temperature is not a finite number (temperature > 0)")
        }
    }

    /// The weights, in the order of `features`; nil when they are not base64 of float64 values.
    func decodedWeights() -> [Double]? { FloatCoding.doubles(weights) }
}
