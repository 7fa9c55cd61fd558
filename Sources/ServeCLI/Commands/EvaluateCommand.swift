internal import ArgumentParser
internal import Handlers

/// `serve evaluate MODEL`: scores an artifact on the held-out rows and writes a report.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
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

    func run() throws {
        do {
            print(try model.evaluate(model: artifact, data: files.data, split: files.split, report: report))
        } catch let error as ModelFileError {
            throw CommandFailure(error)
        }
    }
}
