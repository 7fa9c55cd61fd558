import Foundation
import Testing

@testable import Handlers

@Suite struct ClassificationReportTests {
    @Test func computesAccuracyScoresAndConfusion() {
        // Truth: a a b b; predicted: a b b b.
        let report = ClassificationReport(
            labels: ["a", "b"],
            truth: [0, 0, 1, 1],
            probabilities: [[0.9, 0.1], [0.4, 0.6], [0.2, 0.8], [0.5, 0.5]]
        )
        #expect(report.correct == 2)  // the 0.5/0.5 tie goes to the first class, a
        #expect(report.confusion == [[1, 1], [1, 1]])
        #expect(report.accuracy == 0.5)
        #expect(report.classes[0].precision == 0.5)
        #expect(report.classes[1].recall == 0.5)
        let expectedLoss = -(Foundation.log(0.9) + Foundation.log(0.4) + Foundation.log(0.8) + Foundation.log(0.5)) / 4
        #expect(abs(report.logLoss - expectedLoss) < 1e-12)
        #expect(report.text.contains("accuracy 0.500 (2/4)"))
    }
}
