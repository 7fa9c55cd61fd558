public import ArgumentParser
import Foundation

/// `serve train MODEL`: trains a bundled model from its data and writes the artifact.
public struct TrainCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
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

    public init() {}

    public func run() throws {
        let defaults = model.defaults
        let progress = TerminalProgress()
        let artifact: IrisArtifact
        do {
            artifact = try IrisTraining.train(
                dataPath: files.data ?? defaults.data,
                splitPath: files.split ?? defaults.split,
                c: c,
                progress: progress.update
            )
            progress.finish()
            try ArtifactFile.write(try artifact.encoded(), to: out ?? defaults.model)
        } catch let error as ModelFileError {
            progress.finish()
            throw CommandFailure(error)
        }
        let metrics = artifact.metrics
        print(
            """
            trained \(model.rawValue) on \(artifact.training.rows) rows (C = \(artifact.training.settings.c), \(artifact.training.iterations) Newton steps)
            train accuracy \(format(metrics.trainAccuracy))
            test accuracy  \(format(metrics.testAccuracy)) (\(metrics.testCorrect)/\(metrics.testRows)), log-loss \(format(metrics.testLogLoss))
            \(IrisTraining.folds)-fold cross-validation accuracy \(format(metrics.crossValidationAccuracy))
            wrote \(out ?? defaults.model)
            """
        )
    }

    private func format(_ value: Double) -> String { String(format: "%.4f", value) }
}

/// The data and split options `train` and `evaluate` share.
struct DataFiles: ParsableArguments {
    @Option(help: "The data file (default: the repository's data file for the model).")
    var data: String?

    @Option(help: "The train/test split (default: the repository's split for the model).")
    var split: String?
}

/// A command that could not do its work: the message is printed and the exit code is 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ error: ModelFileError) {
        description = "\(error)"
    }
}
