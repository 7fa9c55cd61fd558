public import Serve

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// How well a classifier did on labelled rows: accuracy, log-loss, per-class precision/recall/F1 and
/// the confusion matrix. Written as JSON and printed as a table; shared by every model here.
@Schema public struct ClassificationReport: Equatable, Sendable {
    /// Scores for one class.
    @Schema public struct ClassScores: Equatable, Sendable {
        public var label: String
        public var precision: Double
        public var recall: Double
        public var f1: Double
        /// Rows whose true class is this one.
        public var support: Int
    }

    public var rows: Int
    public var correct: Int
    public var accuracy: Double
    /// Mean negative log-probability of the true class (probabilities clamped at 1e-15).
    public var logLoss: Double
    public var classes: [ClassScores]
    /// `confusion[i][j]`: rows of true class i predicted as class j.
    public var confusion: [[Int]]

    /// Scores `probabilities` (one distribution per row) against `truth` (class indices).
    public init(labels: [String], truth: [Int], probabilities: [[Double]]) {
        precondition(truth.count == probabilities.count, "one prediction per row")
        var confusion = Array(repeating: Array(repeating: 0, count: labels.count), count: labels.count)
        var loss = 0.0
        for (actual, distribution) in zip(truth, probabilities) {
            let predicted = distribution.indices.max { distribution[$0] < distribution[$1] } ?? 0
            confusion[actual][predicted] += 1
            loss -= log(max(distribution[actual], 1e-15))
        }
        self.rows = truth.count
        self.correct = labels.indices.reduce(0) { $0 + confusion[$1][$1] }
        self.accuracy = rows == 0 ? 0 : Double(correct) / Double(rows)
        self.logLoss = rows == 0 ? 0 : loss / Double(rows)
        self.confusion = confusion
        self.classes = labels.indices.map { index in
            let truePositives = Double(confusion[index][index])
            let predicted = Double(confusion.reduce(0) { $0 + $1[index] })
            let actual = Double(confusion[index].reduce(0, +))
            let precision = predicted == 0 ? 0 : truePositives / predicted
            let recall = actual == 0 ? 0 : truePositives / actual
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            return ClassScores(label: labels[index], precision: precision, recall: recall, f1: f1, support: Int(actual))
        }
    }

    /// A readable summary for a terminal.
    public var text: String {
        func fixed(_ value: Double) -> String { value.fixed(3) }
        let width = max(10, (classes.map(\.label.count).max() ?? 0) + 2)
        func pad(_ text: String, _ size: Int) -> String {
            text + String(repeating: " ", count: max(0, size - text.count))
        }
        var lines = [
            "accuracy \(fixed(accuracy)) (\(correct)/\(rows))   log-loss \(fixed(logLoss))", "",
            pad("class", width) + "precision  recall  f1     support",
        ]
        for scores in classes {
            lines.append(
                pad(scores.label, width) + pad(fixed(scores.precision), 11) + pad(fixed(scores.recall), 8)
                    + pad(fixed(scores.f1), 7) + String(scores.support)
            )
        }
        lines += [
            "", "confusion (rows: true class, columns: predicted)",
            pad("", width) + classes.map { pad($0.label, width) }.joined(),
        ]
        for (index, row) in confusion.enumerated() {
            lines.append(pad(classes[index].label, width) + row.map { pad(String($0), width) }.joined())
        }
        return lines.joined(separator: "\n")
    }
}
