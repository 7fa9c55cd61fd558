import ServeModels

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// How one test case (a model with its test data sets) went.
struct ConformanceResult {
    enum Outcome {
        case passed
        case failed(String)
        case skipped(String)
        /// Failed, as `known-failures.txt` says it does, for the reason given there.
        case knownFailure(String)

        var isFailure: Bool { if case .failed = self { true } else { false } }
    }

    /// The test's folder name, such as `test_conv_with_strides_padding`.
    let test: String
    /// The op types its model uses.
    let operators: [String]
    let outcome: Outcome
}

/// A test expected to fail (a line of `known-failures.txt`): always (`fails`), or on some machines alone
/// (`varies`: one that passes is then a pass, not a stale line).
struct KnownFailure {
    let why: String
    let varies: Bool
}

/// A folder of ONNX backend tests: `test_*/model.onnx` beside `test_data_set_*/input_*.pb` and `output_*.pb`.
struct ConformanceSuite {
    let folder: String
    /// The tests expected to fail, by folder name, with why (`known-failures.txt`).
    let knownFailures: [String: KnownFailure]

    /// Node tests have one node each and are tabled by op; the others by model.
    var isNodeSuite: Bool { folder.split(separator: "/").last == "node" }

    func run() -> [ConformanceResult] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter {
            FileManager.default.fileExists(atPath: "\(folder)/\($0)/model.onnx")
        }
        return names.sorted().map { name in
            let result = runTest("\(folder)/\(name)", name: name)
            guard let known = knownFailures[name] else { return result }
            switch result.outcome {
            case .failed:
                return ConformanceResult(test: name, operators: result.operators, outcome: .knownFailure(known.why))
            case .passed where !known.varies:
                let stale = "passes, but known-failures.txt says it fails: remove its line"
                return ConformanceResult(test: name, operators: result.operators, outcome: .failed(stale))
            default:
                return result
            }
        }
    }

    private func runTest(_ path: String, name: String) -> ConformanceResult {
        let modelPath = "\(path)/model.onnx"
        guard let bytes = FileManager.default.contents(atPath: modelPath) else {
            return ConformanceResult(test: name, operators: [], outcome: .failed("model.onnx cannot be read"))
        }
        let operators = (try? ONNXModel.operatorTypes(inSerialized: bytes)) ?? []
        let model: ONNXModel
        do {
            model = try ONNXModel(serialized: bytes, name: name, folder: path)
        } catch {
            return ConformanceResult(test: name, operators: operators, outcome: loadOutcome(error, operators))
        }
        let sets = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
            .filter { $0.hasPrefix("test_data_set_") }.sorted()
        if sets.isEmpty {
            return ConformanceResult(test: name, operators: operators, outcome: .skipped("no test data"))
        }
        for set in sets {
            let outcome = runDataSet("\(path)/\(set)", model: model)
            if case .passed = outcome { continue }
            return ConformanceResult(test: name, operators: operators, outcome: outcome)
        }
        return ConformanceResult(test: name, operators: operators, outcome: .passed)
    }

    /// A model Serve refuses fails the test when it uses only operators Serve says it runs (the refusal is
    /// then Serve's fault), and is skipped, with the reason, otherwise.
    private func loadOutcome(_ error: ModelError, _ operators: [String]) -> ConformanceResult.Outcome {
        let supported = Set(ONNXModel.supportedDomains.flatMap { ONNXModel.supportedOperators(in: $0) })
        let missing = operators.filter { !supported.contains($0) }
        if !missing.isEmpty { return .skipped("Serve does not run \(missing.joined(separator: ", "))") }
        if error.message.contains("which Serve does not run") || error.message.contains("Serve does not read") {
            return .skipped(error.message)
        }
        return .failed("load: \(error.message)")
    }

    private func runDataSet(_ path: String, model: ONNXModel) -> ConformanceResult.Outcome {
        var inputs: [String: Tensor] = [:]
        for (index, input) in model.inputs.enumerated() {
            guard let data = FileManager.default.contents(atPath: "\(path)/input_\(index).pb") else {
                return .skipped("no input_\(index).pb")
            }
            guard let tensor = try? Tensor(onnxTensorProto: data) else {
                return .skipped(
                    "input '\(input.name)' is not a tensor Serve holds (a sequence, an optional or float16)")
            }
            inputs[input.name] = tensor
        }
        let outputs: [String: Value]
        do {
            outputs = try model.run(inputs)
        } catch {
            return .failed(error.description)
        }
        for (index, output) in model.outputs.enumerated() {
            guard let data = FileManager.default.contents(atPath: "\(path)/output_\(index).pb") else { continue }
            guard let expected = try? Tensor(onnxTensorProto: data) else {
                return .skipped("output '\(output.name)' is not a tensor Serve holds")
            }
            guard let actual = outputs[output.name]?.tensor else {
                return .failed("output '\(output.name)' is not a tensor")
            }
            if let difference = TensorComparison.difference(actual, expected) {
                return .failed("output '\(output.name)': \(difference)")
            }
        }
        return .passed
    }
}
