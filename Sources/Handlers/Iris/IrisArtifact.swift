public import Serve

/// The iris model as a file: a versioned JSON document (never executable), validated when loaded.
@Schema public struct IrisArtifact: ModelArtifact {
    /// The version this code reads and writes.
    public static let currentFormatVersion = 1
    /// The model kind this code knows.
    public static let expectedKind = "softmax-regression"

    /// How the model was trained.
    @Schema public struct Training: Equatable, Sendable {
        /// SHA-256 of the training CSV file.
        public var dataSHA256: String
        /// The rows trained on.
        public var rows: Int
        var settings: SoftmaxRegression.Settings
        /// Gradient-descent steps taken.
        public var iterations: Int
    }

    /// How well it did.
    @Schema public struct Metrics: Equatable, Sendable {
        /// Accuracy on the training rows.
        public var trainAccuracy: Double
        /// Accuracy, correct count, rows and log-loss on the split's held-out test rows.
        public var testAccuracy: Double
        public var testCorrect: Int
        public var testRows: Int
        public var testLogLoss: Double
        /// Mean accuracy of stratified 5-fold cross-validation over every row of the data file.
        public var crossValidationAccuracy: Double
    }

    public var formatVersion: Int
    public var kind: String
    /// Feature names, in the order of each weight row.
    public var features: [String]
    public var classes: [String]
    /// Standardisation: `(x - mean) / scale` per feature.
    public var mean: [Double]
    public var scale: [Double]
    /// One row per class, over standardised features.
    public var weights: [[Double]]
    public var intercepts: [Double]
    public var training: Training
    public var metrics: Metrics

    /// Checks the features, classes, shapes and numbers.
    public func validate(path: String) throws(ModelFileError) {
        func fail(_ problem: String) -> ModelFileError { ModelFileError(path, problem) }
        guard features == IrisDataset.featureNames else {
            throw fail(
                "features must be \(IrisDataset.featureNames.joined(separator: ", ")) in that order, not \(features.joined(separator: ", "))"
            )
        }
        guard classes == IrisDataset.speciesNames else {
            throw fail(
                "classes must be \(IrisDataset.speciesNames.joined(separator: ", ")), not \(classes.joined(separator: ", "))"
            )
        }
        guard mean.count == features.count, scale.count == features.count else {
            throw fail("mean and scale need \(features.count) values each")
        }
        guard weights.count == classes.count, intercepts.count == classes.count,
            weights.allSatisfy({ $0.count == features.count })
        else {
            throw fail("weights need \(classes.count) rows of \(features.count) values and \(classes.count) intercepts")
        }
        guard (mean + scale + intercepts + weights.flatMap { $0 }).allSatisfy(\.isFinite) else {
            throw fail("a weight, intercept, mean or scale is not a finite number")
        }
        guard scale.allSatisfy({ $0 > 0 }) else { throw fail("every scale must be greater than 0") }
    }
}
