public import Foundation

/// The sentiment model as a file: versioned JSON (never executable), validated when loaded.
public struct SentimentArtifact: Codable, Equatable, Sendable {
    public static let currentFormatVersion = 1
    public static let naiveBayes = "multinomial-naive-bayes"

    /// How the model was trained and its settings chosen.
    public struct Training: Codable, Equatable, Sendable {
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
    public struct Metrics: Codable, Equatable, Sendable {
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

    /// Reads and validates the artifact at `path`.
    public static func load(path: String) throws(ModelFileError) -> SentimentArtifact {
        try load(ArtifactFile.read(path), path: path)
    }

    /// Decodes and validates an artifact; `path` names it in errors.
    public static func load(_ data: Data, path: String) throws(ModelFileError) -> SentimentArtifact {
        let artifact = try ArtifactFile.decode(SentimentArtifact.self, from: data, path: path)
        guard artifact.formatVersion == currentFormatVersion else {
            throw ModelFileError(
                path,
                "format version \(artifact.formatVersion) is not supported (this build reads version \(currentFormatVersion))"
            )
        }
        guard artifact.kind == naiveBayes else {
            throw ModelFileError(path, "model kind '\(artifact.kind)' is not '\(naiveBayes)'")
        }
        guard artifact.classes == SentimentCorpus.labels else {
            throw ModelFileError(path, "classes must be negative, positive")
        }
        guard !artifact.weights.isEmpty else { throw ModelFileError(path, "the vocabulary is empty") }
        guard artifact.bias.isFinite, artifact.temperature.isFinite, artifact.temperature > 0,
            artifact.weights.values.allSatisfy(\.isFinite)
        else {
            throw ModelFileError(path, "a weight, the bias or the temperature is not a finite number (temperature > 0)")
        }
        return artifact
    }

    /// The deterministic JSON bytes of this artifact.
    public func encoded() throws -> Data { try ArtifactFile.encode(self) }
}
