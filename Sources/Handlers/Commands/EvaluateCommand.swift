public import ArgumentParser

/// `serve evaluate MODEL`: scores an artifact on the held-out rows and writes a report.
public struct EvaluateCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "serve evaluate",
        abstract: "Score a model artifact on the held-out test rows; print and write the report (JSON)."
    )

    @Argument(help: "The model to evaluate.")
    var model: ModelName

    @Option(name: .customLong("model"), help: "The artifact (default: models/MODEL.json).")
    var artifact: String?

    @OptionGroup var files: DataFiles

    @Option(help: "Where to write the report (default: reports/MODEL-evaluation.json).")
    var report: String?

    public init() {}

    public func run() throws {
        let defaults = model.defaults
        let result: ClassificationReport
        do {
            let loaded = IrisModel(try IrisArtifact.load(path: artifact ?? defaults.model))
            result = try IrisTraining.evaluate(
                loaded, dataPath: files.data ?? defaults.data, splitPath: files.split ?? defaults.split)
            try ArtifactFile.write(try ArtifactFile.encode(result), to: report ?? defaults.report)
        } catch let error as ModelFileError {
            throw CommandFailure(error)
        }
        print(result.text)
        print("\nwrote \(report ?? defaults.report)")
    }
}
