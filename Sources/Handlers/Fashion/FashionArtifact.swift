public import Serve

/// The clothing classifier as a file: a JSON header (classes, input normalisation, the name and shape
/// of each tensor, how it was trained) with the weights as one base64 string of little-endian float32
/// values, tensor after tensor in the header's order. About 570 KB, where decimals would be several MB.
@Schema public struct FashionArtifact: ModelArtifact {
    /// The version this code reads and writes.
    public static let currentFormatVersion = 1
    /// The model kind this code knows.
    public static let expectedKind = "fashion-cnn"

    /// One tensor of the weights.
    @Schema public struct Tensor: Equatable, Sendable {
        public var name: String
        public var shape: [Int]
    }

    /// How the model was trained.
    @Schema public struct Training: Equatable, Sendable {
        public var epochs: Int
        public var batchSize: Int
        public var learningRate: Double
        public var seed: Int
        /// Training images.
        public var rows: Int
        /// Mean cross-entropy over the training images of each epoch, as training went.
        public var epochLosses: [Double]
    }

    /// How well it did on the 10,000 test images.
    @Schema public struct Metrics: Equatable, Sendable {
        public var testAccuracy: Double
        public var testLogLoss: Double
    }

    public var formatVersion: Int
    public var kind: String
    public var classes: [String]
    /// Input normalisation: `(pixel / 255 - mean) / scale`, pixels light-on-black.
    public var mean: Double
    public var scale: Double
    public var tensors: [Tensor]
    /// Base64 of every weight as little-endian float32.
    public var weights: String
    public var training: Training
    public var metrics: Metrics

    /// Checks the classes, the layout against the network this build runs, and every weight.
    public func validate(path: String) throws(ModelFileError) {
        guard classes == FashionClass.allCases.map(\.rawValue) else {
            throw ModelFileError(
                path, "classes must be \(FashionClass.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let expected = ConvNet.tensors.map { Tensor(name: $0.name, shape: $0.shape) }
        guard tensors == expected else {
            throw ModelFileError(path, "its tensors do not match this build's network (\(ConvNet.weightCount) weights)")
        }
        guard mean.isFinite, scale.isFinite, scale > 0 else {
            throw ModelFileError(path, "mean and scale must be finite")
        }
        // The length only: the weights are decoded once, by the model (`decodedWeights`).
        guard weights.utf8.count == (ConvNet.weightCount * 4 + 2) / 3 * 4 else {
            throw ModelFileError(path, "weights must be base64 of \(ConvNet.weightCount) little-endian float32 values")
        }
    }

    /// The weights as floats, each checked to be finite.
    func decodedWeights(path: String) throws(ModelFileError) -> [Float] {
        guard let values = FloatCoding.floats(weights), values.count == ConvNet.weightCount else {
            throw ModelFileError(path, "weights must be base64 of \(ConvNet.weightCount) little-endian float32 values")
        }
        guard values.allSatisfy(\.isFinite) else { throw ModelFileError(path, "a weight is not a finite number") }
        return values
    }
}

/// What `serve evaluate fashion` writes (`eval_results.json`): the test loss and accuracy under the names
/// the clothing document's PyTorch evaluation used, and the full report.
// swift-format-ignore: AlwaysUseLowerCamelCase
@Schema public struct FashionEvaluation: Equatable, Sendable {
    /// Mean cross-entropy on the 10,000 test images.
    public var test_loss: Double
    /// Share of the test images classified correctly.
    public var test_acc: Double
    /// Per-class precision, recall and F1, and the confusion matrix.
    public var report: ClassificationReport

    init(_ report: ClassificationReport) {
        test_loss = report.logLoss
        test_acc = report.accuracy
        self.report = report
    }
}
