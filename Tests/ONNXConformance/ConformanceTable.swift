/// The results as a Markdown table: one row per op (node tests) or per model.
struct ConformanceTable {
    let title: String
    let results: [ConformanceResult]
    let groupByOperator: Bool

    func markdown(verbose: Bool) -> String {
        var rows: [(name: String, results: [ConformanceResult])] = []
        if groupByOperator {
            // A test of one node is its op's; one of several (a function's expanded body) is tabled apart.
            let byOperator = Dictionary(grouping: results) {
                $0.operators.count == 1 ? $0.operators[0] : "(several nodes: expanded functions)"
            }
            rows = byOperator.keys.sorted().map { ($0, byOperator[$0]!) }
        } else {
            rows = results.map { ($0.test, [$0]) }
        }
        var lines = [
            "## \(title)", "",
            "| \(groupByOperator ? "op" : "model") | passed | failed | known failures | skipped | why |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for row in rows {
            let passed = row.results.filter { if case .passed = $0.outcome { true } else { false } }.count
            var failed: [String] = []
            var skipped: [String] = []
            var known: [String] = []
            for result in row.results {
                switch result.outcome {
                case .passed: break
                case .failed(let why): failed.append("\(result.test): \(why)")
                case .skipped(let why): skipped.append(why)
                case .knownFailure(let why): known.append("known failure \(result.test): \(why)")
                }
            }
            let reasons = failed.map { "FAIL \($0)" } + known + Array(Set(skipped)).sorted()
            let why = verbose ? reasons.joined(separator: "; ") : (reasons.first ?? "")
            lines.append(
                "| \(row.name) | \(passed) | \(failed.count) | \(known.count) | \(skipped.count) | \(String(why.map { $0 == "|" ? "/" : $0 })) |"
            )
        }
        let passed = results.filter { if case .passed = $0.outcome { true } else { false } }.count
        let failed = results.filter { $0.outcome.isFailure }.count
        let known = results.filter { if case .knownFailure = $0.outcome { true } else { false } }.count
        lines.append("")
        lines.append(
            "\(results.count) tests: \(passed) passed, \(failed) failed, \(known) known failures, "
                + "\(results.count - passed - failed - known) skipped.")
        return lines.joined(separator: "\n")
    }
}
