import ServeModels

// Runs ONNX's backend test data (Debian's libonnx-testdata, and any folder laid out the same way) through
// ServeModels and prints a table: each op (node tests) or model, with its tests passed, failed and skipped,
// and why. Exits 1 when a test of an operator Serve runs fails, or a model Serve loads gives wrong outputs.
//
//     ONNXConformance [--verbose] FOLDER...    each FOLDER holds test_*/model.onnx with test_data_set_*/
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

var arguments = Array(CommandLine.arguments.dropFirst())
let verbose = arguments.contains("--verbose")
arguments.removeAll { $0 == "--verbose" }
if arguments.isEmpty { arguments = ["/usr/share/libonnx-testdata/data/node"] }

var knownFailures: [String: KnownFailure] = [:]
let knownFailuresFile = #filePath.split(separator: "/").dropLast().joined(separator: "/") + "/known-failures.txt"
for line in (try? String(contentsOfFile: "/" + knownFailuresFile, encoding: .utf8))?.split(separator: "\n") ?? [] {
    let fields = line.split(separator: "\t", maxSplits: 2)
    guard fields.count == 3, !line.hasPrefix("#"), ["fails", "varies"].contains(fields[1]) else { continue }
    knownFailures[String(fields[0])] = KnownFailure(why: String(fields[2]), varies: fields[1] == "varies")
}

for domain in ONNXModel.supportedDomains {
    let operators = ONNXModel.supportedOperators(in: domain)
    print("Serve runs \(operators.count) operators of \(domain): \(operators.joined(separator: ", ")).\n")
}
var failures = 0
for folder in arguments {
    let suite = ConformanceSuite(folder: folder, knownFailures: knownFailures)
    let results = suite.run()
    print(
        ConformanceTable(title: folder, results: results, groupByOperator: suite.isNodeSuite).markdown(verbose: verbose)
    )
    failures += results.filter { $0.outcome.isFailure }.count
}
if failures > 0 {
    print("\(failures) tests failed.")
    exit(1)
}
