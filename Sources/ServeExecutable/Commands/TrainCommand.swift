public import ArgumentParser
internal import Handlers

/// `serve train MODEL`: trains a bundled model from its data and writes the artifact.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
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
            "Iris only: inverse regularisation strength (scikit-learn's C). Default: chosen by cross-validation on the training rows."
    )
    var c: Double?

    @Option(help: "Fashion only: epochs in total (default 12). A resumed run trains the epochs still missing.")
    var epochs: Int?

    @Option(
        help:
            "Fashion only: the checkpoint written after every epoch and resumed from when it exists (default: checkpoints/fashion-checkpoint.json)."
    )
    var checkpoint: String?

    @Option(help: "Fashion only: train on the first N training images (a quick run; default: all 60,000).")
    var images: Int?

    func validate() throws {
        if model != .fashion, epochs != nil || checkpoint != nil || images != nil {
            throw ValidationError(
                "--epochs, --checkpoint and --images are for the fashion model, which trains in epochs.")
        }
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1.") }
        if let images, images < 1 { throw ValidationError("--images must be at least 1.") }
    }

    func run() throws {
        let progress = TerminalProgress()
        defer { progress.finish() }  // clears the status line when training fails
        do {
            let summary = try model.train(
                data: files.data, split: files.split, c: c, epochs: epochs, images: images, checkpoint: checkpoint,
                out: out,
                say: { line in
                    progress.finish()
                    print(line)
                }, progress: progress.update)
            progress.finish()  // before the summary, so it does not share the status line
            print(summary)
        } catch let error as ModelFileError {
            throw CommandFailure(error)
        }
    }
}

/// The data and split options `train` and `evaluate` share.
struct DataFiles: ParsableArguments {
    @Option(
        help:
            "The data file (default: the repository's data file for the model; for fashion, the folder of Debian's dataset-fashion-mnist)."
    )
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
