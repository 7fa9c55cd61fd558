internal import Serve

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The models `serve train` and `serve evaluate` know.
public enum ModelName: String, CaseIterable, Sendable {
    case iris
    case sentiment
    case fashion

    /// Where the repository keeps the model's data, split, artifact and report.
    var defaults: (data: String, split: String?, model: String, report: String) {
        switch self {
        case .iris: ("data/iris.csv", "data/iris_split.json", "models/iris.json", "reports/iris-evaluation.json")
        case .sentiment: ("data/sentiment.jsonl", nil, "models/sentiment.json", "reports/sentiment-evaluation.json")
        case .fashion: (FashionDataset.defaultDirectory, nil, "models/fashion.json", "reports/eval_results.json")
        }
    }

    /// Trains the model from `data` (default: the repository's data file) and writes the artifact to `out`
    /// (default: `models/MODEL.json`); returns a summary for the terminal. Deterministic: the same data
    /// gives a byte-identical artifact. `c` is the iris model's; `epochs` (in total), `images` (the first N
    /// training images) and `checkpoint` (default: `checkpoints/fashion-checkpoint.json`, resumed from when it
    /// exists) are the clothing model's, which tells `say` about each epoch.
    public func train(
        data: String?, split: String?, c: Double?, epochs: Int? = nil, images: Int? = nil, checkpoint: String? = nil,
        out: String?, say: (String) -> Void = { _ in }, progress: (String) -> Void
    ) throws -> String {
        let destination = out ?? defaults.model
        let trained: (artifact: Data, summary: String) =
            switch self {
            case .fashion:
                try trainFashion(
                    epochs: epochs, images: images, data: data, checkpoint: checkpoint, say: say, progress: progress)
            case .iris, .sentiment: try train(data: data, split: split, c: c, progress: progress)
            }
        try ArtifactFile.write(trained.artifact, to: destination)
        return trained.summary + "\nwrote \(destination)"
    }

    /// Scores the artifact at `model` (default: `models/MODEL.json`) on the held-out rows, writes the report
    /// to `report` (default: `reports/MODEL-evaluation.json`) and returns it as text.
    public func evaluate(
        model: String?, data: String?, split: String?, report: String?, photos: Bool = false
    ) throws -> String {
        let destination = report ?? defaults.report
        let result = try evaluate(model: model, data: data, split: split, photos: photos)
        let document =
            self == .fashion ? try ArtifactFile.encode(FashionEvaluation(result)) : try ArtifactFile.encode(result)
        try ArtifactFile.write(document, to: destination)
        return result.text + "\n\nwrote \(destination)"
    }

    /// Trains the clothing classifier (or resumes it); returns the artifact's bytes and a summary.
    private func trainFashion(
        epochs: Int?, images: Int?, data: String?, checkpoint: String?, say: (String) -> Void,
        progress: (String) -> Void
    ) throws -> (artifact: Data, summary: String) {
        var settings = FashionTraining.Settings()
        if let epochs { settings.epochs = epochs }
        settings.images = images
        let clock = ContinuousClock()
        let started = clock.now
        let artifact = try FashionTraining.train(
            dataDirectory: data ?? defaults.data, settings: settings,
            checkpoint: checkpoint ?? "checkpoints/fashion-checkpoint.json", say: say, progress: progress)
        let seconds = (clock.now - started).seconds
        return (
            try artifact.encoded(),
            """
            trained fashion on \(artifact.training.rows) images, \(artifact.training.epochs) epochs (this run \(seconds.fixed(1)) s)
            test accuracy \(format(artifact.metrics.testAccuracy)), log-loss \(format(artifact.metrics.testLogLoss))
            """
        )
    }

    /// Trains the iris or sentiment model; returns the artifact's bytes and a summary for the terminal.
    private func train(data: String?, split: String?, c: Double?, progress: (String) -> Void) throws -> (
        artifact: Data, summary: String
    ) {
        switch self {
        case .fashion:
            return try trainFashion(
                epochs: nil, images: nil, data: data, checkpoint: nil, say: { _ in }, progress: progress)
        case .iris:
            let artifact = try IrisTraining.train(
                dataPath: data ?? defaults.data, splitPath: split ?? defaults.split!, c: c, progress: progress)
            let metrics = artifact.metrics
            return (
                try artifact.encoded(),
                """
                trained iris on \(artifact.training.rows) rows (C = \(artifact.training.settings.c), \(artifact.training.iterations) Newton steps)
                train accuracy \(format(metrics.trainAccuracy))
                test accuracy  \(format(metrics.testAccuracy)) (\(metrics.testCorrect)/\(metrics.testRows)), log-loss \(format(metrics.testLogLoss))
                \(IrisTraining.folds)-fold cross-validation accuracy \(format(metrics.crossValidationAccuracy))
                """
            )
        case .sentiment:
            let artifact = try SentimentTraining.train(dataPath: data ?? defaults.data, progress: progress)
            let settings = artifact.training.settings
            let metrics = artifact.metrics
            return (
                try artifact.encoded(),
                """
                trained sentiment on \(artifact.training.rows) lines: \(artifact.features.count) features, alpha \(settings.alpha), \
                negation \(settings.tokenizer.negation ? "on" : "off"), minimum count \(settings.minimumCount), temperature \(format(artifact.temperature))
                validation accuracy \(format(artifact.training.validationAccuracy)) (\(artifact.training.validationRows) lines, chose the settings)
                test accuracy  \(format(metrics.testAccuracy)) (\(metrics.testCorrect)/\(metrics.testRows)), log-loss \(format(metrics.testLogLoss))
                """
            )
        }
    }

    /// Scores an artifact on the held-out rows.
    private func evaluate(model: String?, data: String?, split: String?, photos: Bool) throws -> ClassificationReport {
        switch self {
        case .iris:
            let loaded = IrisModel(try IrisArtifact.load(path: model ?? defaults.model))
            return try IrisTraining.evaluate(
                loaded, dataPath: data ?? defaults.data, splitPath: split ?? defaults.split!)
        case .sentiment:
            let loaded = SentimentModel(try SentimentArtifact.load(path: model ?? defaults.model))
            return try SentimentTraining.evaluate(loaded, dataPath: data ?? defaults.data)
        case .fashion:
            return try FashionModel.load(path: model ?? defaults.model)
                .report(on: try FashionDataset(directory: data ?? defaults.data, part: .test), asPhotos: photos)
        }
    }

    private func format(_ value: Double) -> String { value.fixed(4) }
}
