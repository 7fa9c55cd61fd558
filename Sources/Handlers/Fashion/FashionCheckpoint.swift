public import Serve

/// Training state after a whole epoch: the weights, Adam's moments and what is needed to go on exactly
/// as an uninterrupted run would. `serve train fashion` writes one after every epoch and resumes from it.
@Schema public struct FashionCheckpoint: Equatable, Sendable {
    static let kindName = "fashion-cnn-checkpoint"

    public var formatVersion: Int
    public var kind: String
    public var batchSize: Int
    public var learningRate: Double
    public var seed: Int
    /// Training images used.
    public var images: Int
    public var epochsCompleted: Int
    /// Adam steps taken.
    public var step: Int
    public var epochLosses: [Double]
    public var mean: Double
    public var scale: Double
    /// Base64 float32, as in ``FashionArtifact``.
    public var weights: String
    public var firstMoment: String
    public var secondMoment: String

    /// Reads and checks the checkpoint at `path`.
    static func load(path: String) throws(ModelFileError) -> FashionCheckpoint {
        let checkpoint = try ArtifactFile.decode(Self.self, from: ArtifactFile.read(path), path: path)
        guard checkpoint.formatVersion == 1, checkpoint.kind == kindName else {
            throw ModelFileError(path, "not a version 1 \(kindName)")
        }
        for vector in [checkpoint.weights, checkpoint.firstMoment, checkpoint.secondMoment] {
            guard FloatCoding.floats(vector)?.count == ConvNet.weightCount else {
                throw ModelFileError(
                    path, "its vectors do not match this build's network (\(ConvNet.weightCount) weights)")
            }
        }
        return checkpoint
    }
}
