import Foundation
import Serve
import ServeImages
import Testing

@testable import Handlers

/// The clothing classifier: its shipped artifact, its maths, resumable training and its preprocessing.
/// Needs Debian's dataset-fashion-mnist (which .ci/run installs).
@Suite struct FashionTests {
    static let shipped = try! FashionArtifact.load(path: "models/fashion.json")
    static let model = try! FashionModel.load(path: "models/fashion.json")
    static let test = try! FashionDataset(directory: FashionDataset.defaultDirectory, part: .test)

    @Test func theEmbeddedModelIsTheShippedFileAndScoresAbove90Percent() throws {
        #expect(try FashionArtifact.load(EmbeddedModels.fashion, path: "embedded") == Self.shipped)
        #expect(Self.shipped.metrics.testAccuracy >= 0.90)
        #expect(Self.shipped.training.rows == 60_000)
    }

    @Test func aBrokenArtifactIsRefusedWithItsReason() throws {
        var artifact = Self.shipped
        artifact.weights = String(artifact.weights.dropLast(8))
        let data = try artifact.encoded()
        #expect { try FashionArtifact.load(data, path: "broken.json") } throws: { error in
            "\(error)".contains("broken.json: weights must be base64 of \(ConvNet.weightCount)")
        }
    }

    @Test func theLayersLiteralOffsetsAreTheWeightLayouts() {
        let layers = [ConvNet.conv1, ConvNet.conv2]
        #expect(layers.map(\.weights) == [ConvNet.offsets[0], ConvNet.offsets[2]])
        #expect(layers.map(\.bias) == [ConvNet.offsets[1], ConvNet.offsets[3]])
        #expect(
            layers.map { $0.patchSize * $0.outputs } == [ConvNet.offsets[1], ConvNet.offsets[3] - ConvNet.offsets[2]])
    }

    /// The backward pass against finite differences of the loss, for weights of every tensor.
    @Test func gradientsMatchFiniteDifferences() {
        var random = SeededRandom(seed: 7)
        var weights = ConvNet.initialWeights(random: &random)
        let input = (0..<784).map { _ in random.normal() }
        let label = 3
        let space = ConvNet.Workspace(capacity: 1)
        func loss(_ weights: [Float]) -> Double {
            weights.withUnsafeBufferPointer { ConvNet.forward(input, count: 1, weights: $0.baseAddress!, space: space) }
            return -Foundation.log(Double(space.probabilities[label]))
        }
        var gradient = [Float](repeating: 0, count: ConvNet.weightCount)
        _ = loss(weights)
        let transposed = weights.withUnsafeBufferPointer { ConvNet.transposedWeights($0.baseAddress!) }
        weights.withUnsafeBufferPointer { w in
            transposed.withUnsafeBufferPointer { t in
                gradient.withUnsafeMutableBufferPointer { g in
                    ConvNet.backward(
                        input, labels: [label], weights: w.baseAddress!, transposed: t.baseAddress!, space: space,
                        gradient: g.baseAddress!)
                }
            }
        }
        var checked = 0
        for tensor in 0..<ConvNet.tensors.count {
            // The largest gradients of the tensor: small ones drown in float rounding.
            let range = ConvNet.offsets[tensor]..<ConvNet.offsets[tensor + 1]
            for index in range.sorted(by: { abs(gradient[$0]) > abs(gradient[$1]) }).prefix(3) {
                let step: Float = 2e-3
                let original = weights[index]
                weights[index] = original + step
                let up = loss(weights)
                weights[index] = original - step
                let down = loss(weights)
                weights[index] = original
                let numeric = (up - down) / Double(2 * step)
                #expect(
                    abs(numeric - Double(gradient[index])) <= 0.05 * abs(numeric) + 2e-3,
                    "\(ConvNet.tensors[tensor].name)[\(index - range.lowerBound)]: \(numeric) vs \(gradient[index])")
                checked += 1
            }
        }
        #expect(checked == 3 * ConvNet.tensors.count)
    }

    @Test func anInterruptedRunResumesToTheSameWeights() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fashion-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var settings = FashionTraining.Settings()
        settings.images = 64
        settings.epochs = 2
        var lines: [String] = []
        let straight = try FashionTraining.runEpochs(
            dataDirectory: FashionDataset.defaultDirectory, settings: settings, checkpoint: folder + "/a.json",
            say: { _ in }, progress: { _ in })
        settings.epochs = 1
        _ = try FashionTraining.runEpochs(
            dataDirectory: FashionDataset.defaultDirectory, settings: settings, checkpoint: folder + "/b.json",
            say: { _ in }, progress: { _ in })
        settings.epochs = 2
        let resumed = try FashionTraining.runEpochs(
            dataDirectory: FashionDataset.defaultDirectory, settings: settings, checkpoint: folder + "/b.json",
            say: { lines.append($0) }, progress: { _ in })
        #expect(lines.first == "resuming from \(folder)/b.json: 1 of 2 epochs done")
        #expect(resumed == straight)
        #expect(resumed.epochLosses.count == 2 && resumed.epochLosses[1] < resumed.epochLosses[0])
        settings.seed = 1
        #expect(throws: ModelFileError.self) {
            try FashionTraining.runEpochs(
                dataDirectory: FashionDataset.defaultDirectory, settings: settings, checkpoint: folder + "/b.json",
                say: { _ in }, progress: { _ in })
        }
    }

    @Test func testImagesReencodedAsPNGAndJPEGGetTheSameAnswers() throws {
        var jpegAgreement = 0
        for index in 0..<20 {
            let image = Image(width: 28, height: 28, channels: 1, pixels: Array(Self.test.image(index)))
            let direct = Self.model.probabilities(ofPixels: Self.test.image(index))
            #expect(Self.model.probabilities(of: try Image(decoding: image.pngData())) == direct)
            let jpeg = Self.model.probabilities(of: try Image(decoding: image.jpegData(quality: 95)))
            if FashionPrediction(jpeg).label == FashionPrediction(direct).label { jpegAgreement += 1 }
        }
        #expect(jpegAgreement >= 19)
    }

    @Test func photoStyleImagesAreClassifiedAboutAsWellAsTheOriginals() throws {
        var original = 0, photo = 0
        let count = 200
        for index in 0..<count {
            let truth = FashionClass(label: Int(Self.test.labels[index]))
            if FashionPrediction(Self.model.probabilities(ofPixels: Self.test.image(index))).label == truth {
                original += 1
            }
            let image = try Image(decoding: FashionPhotoStyle.jpeg(of: Self.test.image(index)))
            if FashionPrediction(Self.model.probabilities(of: image)).label == truth { photo += 1 }
        }
        #expect(Double(photo) >= Double(original) - 0.1 * Double(count), "\(photo) vs \(original) of \(count)")
    }

    @Test func preprocessingKeepsTrainingImagesAndCentresPhotos() {
        let pixels = Array(Self.test.image(0))
        #expect(FashionPreprocessing.pixels(of: Image(width: 28, height: 28, channels: 1, pixels: pixels)) == pixels)
        // A light square on white: inverted, cropped and scaled to fill the frame's height.
        var canvas = [UInt8](repeating: 255, count: 100 * 100)
        for y in 40..<60 { for x in 45..<55 { canvas[y * 100 + x] = 0 } }
        let prepared = FashionPreprocessing.pixels(of: Image(width: 100, height: 100, channels: 1, pixels: canvas))
        #expect(prepared[14 * 28 + 14] == 255)  // the item, now light, in the centre
        #expect(prepared[14 * 28 + 2] == 0)  // background beside it
        #expect((0..<28).allSatisfy { prepared[$0 * 28 + 14] == 255 })  // the full height
    }
}
