// In-process speed of the bundled models, without HTTP.
//
//   swift run -c release ModelBenchmark        (from the repository's root: it reads data/)
import Handlers
import Serve

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
