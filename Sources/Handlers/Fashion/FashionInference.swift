public import Serve
internal import ServeImages

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `serve infer fashion`: classifies image files (or random test images) and writes what it found.
public enum FashionInference {
    /// One classified image, as `results.json` lists it.
    @Schema public struct Result: Equatable, Sendable {
        /// The image's file name (test images: `test-INDEX.png`).
        public var file: String
        public var label: FashionClass
        public var probability: Double
        /// Where the copy named by its class was written.
        public var copy: String
    }

    /// Classifies `paths`, or `random` images drawn from the test set in `data` when `paths` is empty,
    /// with the artifact at `model` (nil: the embedded one). Writes `out/results.json` and a copy of each
    /// image as `out/CLASS/NAME`; returns a line per image.
    public static func run(
        paths: [String], random: Int, seed: Int, data: String?, model: String?, out: String
    ) throws(ModelFileError) -> String {
        let classifier = try FashionModel.load(path: model)
        var images: [(name: String, bytes: [UInt8], image: Image)] = []
        if paths.isEmpty {
            let test = try FashionDataset(directory: data ?? FashionDataset.defaultDirectory, part: .test)
            var generator = SeededRandom(seed: UInt64(seed))
            for _ in 0..<random {
                let index = Int(generator.next() % UInt64(test.count))
                let image = Image(width: 28, height: 28, channels: 1, pixels: Array(test.image(index)))
                images.append(("test-\(index).png", image.pngData(), image))
            }
        } else {
            for path in paths {
                let bytes = [UInt8](try ArtifactFile.read(path))
                do {
                    images.append(
                        (String(path.split(separator: "/").last ?? Substring(path)), bytes, try Image(decoding: bytes)))
                } catch {
                    throw ModelFileError(path, "\(error)")
                }
            }
        }
        var results: [Result] = []
        for (name, bytes, image) in images {
            let prediction = FashionPrediction(classifier.probabilities(of: image))
            let copy = "\(out)/\(prediction.label.fileName)/\(name)"
            try ArtifactFile.write(Data(bytes), to: copy)
            results.append(Result(file: name, label: prediction.label, probability: prediction.probability, copy: copy))
        }
        try ArtifactFile.write(try! ArtifactFile.encode(results), to: "\(out)/results.json")
        return results.map { "\($0.file): \($0.label.rawValue) (\($0.probability.fixed(3)))" }.joined(separator: "\n")
            + "\nwrote \(out)/results.json"
    }
}

extension FashionClass {
    /// The class as a folder name: `t-shirt-top`, `ankle-boot`.
    var fileName: String {
        String(rawValue.lowercased().map { $0.isLetter ? $0 : "-" })
    }
}
