internal import Dispatch
public import ServeImages

/// A loaded clothing classifier: the artifact's weights, ready to run.
public struct FashionModel: Sendable {
    let mean: Double
    let scale: Double
    let weights: [Float]

    /// The model in the artifact file at `path`, or the one compiled in when `path` is nil; errors name it.
    public static func load(path: String?) throws(ModelFileError) -> FashionModel {
        let artifact = try FashionArtifact.load(path: path, orEmbedded: EmbeddedModels.fashion, name: "fashion")
        return FashionModel(
            artifact: artifact, weights: try artifact.decodedWeights(path: path ?? "the embedded fashion model"))
    }

    init(artifact: FashionArtifact, weights: [Float]) {
        mean = artifact.mean
        scale = artifact.scale
        self.weights = weights
    }

    /// The ten class probabilities of 784 grey bytes laid out as Fashion-MNIST's (light item on black).
    public func probabilities(ofPixels pixels: some Collection<UInt8>) -> [Float] {
        precondition(pixels.count == ConvNet.pixels, "the network takes 28 × 28 grey pixels")
        let space = ConvNet.Workspace(capacity: 1, training: false)
        let input = FashionTraining.normalised(pixels, mean: mean, scale: scale)
        weights.withUnsafeBufferPointer { ConvNet.forward(input, count: 1, weights: $0.baseAddress!, space: space) }
        return Array(UnsafeBufferPointer(start: space.probabilities, count: ConvNet.classes))
    }

    /// The ten class probabilities of any picture, after ``FashionPreprocessing``.
    public func probabilities(of image: Image) -> [Float] {
        probabilities(ofPixels: FashionPreprocessing.pixels(of: image))
    }

    /// Scores every image of `data`, on both cores; with `asPhotos`, each as ``FashionPhotoStyle`` renders it
    /// (through the whole of `fashion.predict`: JPEG decoding and preprocessing).
    func report(on data: FashionDataset, asPhotos: Bool = false) -> ClassificationReport {
        let threads = 2
        nonisolated(unsafe) let results = UnsafeMutableBufferPointer<[Double]>.allocate(capacity: data.count)
        _ = results.initialize(from: Array(repeating: [], count: data.count))
        defer { results.deinitialize().deallocate() }
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for index in stride(from: thread, to: data.count, by: threads) {
                let scores =
                    asPhotos
                    ? probabilities(of: try! Image(decoding: FashionPhotoStyle.jpeg(of: data.image(index))))
                    : probabilities(ofPixels: data.image(index))
                results[index] = scores.map(Double.init)
            }
        }
        return ClassificationReport(
            labels: FashionClass.allCases.map(\.rawValue), truth: data.labels.map(Int.init),
            probabilities: Array(results))
    }
}
