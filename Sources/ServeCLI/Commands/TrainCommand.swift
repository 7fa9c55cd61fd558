public import ArgumentParser
internal import Handlers

/// `serve train MODEL`: trains a bundled model from its data and writes the artifact.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve train",
        abstract: "Train a bundled model from its data and write the model artifact (JSON).",
        discussion: "Training is deterministic: the same data gives a byte-identical artifact."
    )

    @Argument(help: "The model to train.")
    var model: ModelName

    @OptionGroup var files: DataFiles

    @Option(help: "Where to write the artifact (default: models/MODEL.json).")
    var out: String?

    @Option(
        help:
            "Inverse regularisation strength (scikit-learn's C). Default: chosen by cross-validation on the training rows."
    )
    var c: Double?

    func run() throws {
        let progress = TerminalProgress()
        defer { progress.finish() }  // clears the status line when training fails
        do {
            let summary = try model.train(
                data: files.data, split: files.split, c: c, out: out, progress: progress.update)
            progress.finish()  // before the summary, so it does not share the status line
            print(summary)
        } catch let error as ModelFileError {
            throw CommandFailure(error)
        }
    }
}

/// The data and split options `train` and `evaluate` share.
struct DataFiles: ParsableArguments {
    @Option(help: "The data file (default: the repository's data file for the model).")
    var data: String?

    @Option(
        help:
            "Iris only: the train/test split (default: data/iris_split.json). Sentiment trains on the first 12,734 lines and tests on the rest."
    )
    var split: String?
}

/// A command that could not do its work: the message is printed and the exit code is 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ error: ModelFileError) {
        description = "\(error)"
    }

    init(_ description: String) {
        self.description = description
    }
}

extension ModelName: ExpressibleByArgument {}
