// In-process speed of the iris model, without HTTP: single-row latency of `iris.predict` (range checks
// and result included) and batch throughput of the model over the 150 data rows.
//
//   swift run -c release IrisBenchmark
import Handlers
import Serve

let iris = try Iris(options: GroupOptions())
let rows = try IrisDataset(csvAt: "data/iris.csv").features.map { SIMD4($0[0], $0[1], $0[2], $0[3]) }
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
let single = try nanoseconds(per: 1_000_000) {
    let row = rows[Int(sink) & 127]
    let prediction = try iris.predict(sepalLength: row[0], sepalWidth: row[1], petalLength: row[2], petalWidth: row[3])
    sink += prediction.probabilities.setosa
}
let batch = nanoseconds(per: 10_000) {
    for row in rows { sink += iris.model.probabilities(row).0 }
}
print("iris.predict in process: \(Int(single.rounded())) ns per call (single row)")
print("iris model batch: \(Int((Double(rows.count) / batch * 1e9).rounded())) rows/s (150-row batches, one core)")
if sink.isNaN { print(sink) }  // keeps the work observable
