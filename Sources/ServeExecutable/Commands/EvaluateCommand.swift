internal import ArgumentParser
internal import Handlers

/// `serve evaluate MODEL`: scores an artifact on the held-out rows and writes a report.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a model artifact on the held-out test rows; print and write the report (JSON)."
    )

    @Argument(help: "The model to evaluate.")
    var model: ModelName

    @Option(name: .customLong("model"), help: "The artifact (default: models/MODEL.json).")
    var artifact: String?

    @OptionGroup var files: DataFiles

    @Option(
        help: "Where to write the report (default: reports/MODEL-evaluation.json; fashion: reports/eval_results.json).")
    var report: String?

    @Flag(
        help:
            "Fashion only: score the test images as photos (enlarged to 224 × 224, RGB, dark on white, JPEG), through the whole of fashion.predict."
    )
    var photos = false

    func validate() throws {
        if photos, model != .fashion { throw ValidationError("--photos is for the fashion model.") }
    }

    func run() throws {
        do {
            print(
                try model.evaluate(
                    model: artifact, data: files.data, split: files.split, report: report, photos: photos))
        } catch let error as ModelFileError {
            throw CommandFailure(error)
        }
    }
}
