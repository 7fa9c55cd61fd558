// In-process speed of the bundled models, without HTTP.
//
//   swift run -c release ModelBenchmark        (from the repository's root: it reads data/)
import Foundation
import Handlers
import Serve
import ServeImages

let clock = ContinuousClock()

/// Runs `body` `count` times and returns nanoseconds per call (best of five runs, to skip noise).
func nanoseconds(per count: Int, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<5 {
        let elapsed = try clock.measure { for _ in 0..<count { try body() } }
        let (seconds, attoseconds) = elapsed.components
        best = min(best, (Double(seconds) * 1e9 + Double(attoseconds) / 1e9) / Double(count))
    }
    return best
}

var sink = 0.0

// Iris: single-row latency of `iris.predict` (range checks and result included), batch throughput of the model.
let iris = try Iris(options: GroupOptions())
let rows = try IrisDataset(csvAt: "data/iris.csv").features.map { SIMD4($0[0], $0[1], $0[2], $0[3]) }
let irisSingle = nanoseconds(per: 1_000_000) {
    let row = rows[Int(sink) & 127]
    let (sepalLength, sepalWidth) = (Centimetres(row[0])!, Centimetres(row[1])!)
    let (petalLength, petalWidth) = (Centimetres(row[2])!, Centimetres(row[3])!)
    sink +=
        iris.predict(
            sepalLength: sepalLength, sepalWidth: sepalWidth, petalLength: petalLength, petalWidth: petalWidth
        ).probabilities.setosa
}
let irisBatch = nanoseconds(per: 10_000) {
    for row in rows { sink += iris.model.probabilities(row).0 }
}
print("iris.predict in process: \(Int(irisSingle.rounded())) ns per call (single row)")
print("iris model batch: \(Int((Double(rows.count) / irisBatch * 1e9).rounded())) rows/s (150-row batches, one core)")

// Sentiment: `sentiment.predict` on a 100-character sentence (evidence included), and the model over the test lines.
let sentiment = try Sentiment(options: GroupOptions())
let sentence =
    "The acting was wonderful and the story kept me hooked, but the ending felt rushed. Worth a watch!!!!"
let sentimentSingle = try nanoseconds(per: 20_000) {
    sink += sentiment.predict(text: try SentimentText(sentence)).positive
}
let corpus = try SentimentCorpus(at: "data/sentiment.jsonl").texts.suffix(3_183)
let sentimentBatch = nanoseconds(per: 3) {
    for text in corpus { sink += sentiment.model.probability(text) }
}
let microseconds = (sentimentSingle / 100).rounded() / 10
print("sentiment.predict in process: \(microseconds) µs per call (\(sentence.count) characters)")
let sentencesPerSecond = Int((Double(corpus.count) / sentimentBatch * 1e9).rounded())
print("sentiment model: \(sentencesPerSecond) sentences/s (test lines, one core)")
if sink.isNaN { print(sink) }  // keeps the work observable

// Start-up: decoding the shipped sentiment artifact, and preparing it for scoring (best of five).
var decode = Duration.seconds(1), prepare = Duration.seconds(1)
for _ in 0..<5 {
    let start = clock.now
    let artifact = try SentimentArtifact.load(path: "models/sentiment.json")
    let decoded = clock.now
    _ = SentimentModel(artifact)
    (decode, prepare) = (min(decode, decoded - start), min(prepare, clock.now - decoded))
}
print("sentiment model start-up: decode \(decode), prepare \(prepare)")

// Fashion: the network on one 28 × 28 image, and the whole of `fashion.predict` (decode, preprocess,
// network) for the repository's sample PNG and for a 640 × 480 JPEG photo made from it.
let fashion = try Fashion(options: GroupOptions())
let samplePNG = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "data/fashion/0002-trouser.png")))
let sample = try Image(decoding: samplePNG)
let networkOnly = nanoseconds(per: 2_000) {
    sink += Double(fashion.model.probabilities(ofPixels: sample.pixels)[1])
}
let pngCall = try nanoseconds(per: 2_000) {
    sink += fashion.predict(image: try Image(decoding: samplePNG)).probability
}
// The sample enlarged, in colour, dark on white, centred in a 640 × 480 frame: what a phone photo looks like.
let enlarged = Image(
    width: 28, height: 28, channels: 3, pixels: sample.pixels.flatMap { [255 - $0, 255 - $0, 255 - $0] }
).resized(width: 400, height: 400)
var frame = [UInt8](repeating: 255, count: 640 * 480 * 3)
for row in 0..<400 {
    frame.replaceSubrange(
        ((row + 40) * 640 + 120) * 3..<((row + 40) * 640 + 520) * 3,
        with: enlarged.pixels[(row * 400 * 3)..<((row + 1) * 400 * 3)])
}
let photoJPEG = Image(width: 640, height: 480, channels: 3, pixels: frame).jpegData(quality: 90)
let jpegCall = try nanoseconds(per: 200) {
    sink += fashion.predict(image: try Image(decoding: photoJPEG)).probability
}
let perSecond = { (nanoseconds: Double) in Int((1e9 / nanoseconds).rounded()) }
print("fashion network in process: \(perSecond(networkOnly)) predictions/s (28 × 28, one core)")
print("fashion.predict in process, 28 × 28 PNG: \(perSecond(pngCall)) images/s (decode, preprocess, network)")
print("fashion.predict in process, 640 × 480 JPEG (\(photoJPEG.count) bytes): \(perSecond(jpegCall)) images/s")
if sink.isNaN { print(sink) }
