public import ArgumentParser

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The models `serve train` and `serve evaluate` know.
public enum ModelName: String, CaseIterable, ExpressibleByArgument, Sendable {
    case iris
    case sentiment

    /// Where the repository keeps the model's data, split, artifact and report.
    var defaults: (data: String, split: String?, model: String, report: String) {
        switch self {
        case .iris: ("data/iris.csv", "data/iris_split.json", "models/iris.json", "reports/iris-evaluation.json")
        case .sentiment: ("data/sentiment.jsonl", nil, "models/sentiment.json", "reports/sentiment-evaluation.json")
        }
    }

    /// Trains the model; returns the artifact's bytes and a summary for the terminal.
    func train(data: String?, split: String?, c: Double?, progress: (String) -> Void) throws -> (
        artifact: Data, summary: String
    ) {
        switch self {
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
                trained sentiment on \(artifact.training.rows) lines: \(artifact.weights.count) features, alpha \(settings.alpha), \
                negation \(settings.tokenizer.negation ? "on" : "off"), minimum count \(settings.minimumCount), temperature \(format(artifact.temperature))
                validation accuracy \(format(artifact.training.validationAccuracy)) (\(artifact.training.validationRows) lines, chose the settings)
                test accuracy  \(format(metrics.testAccuracy)) (\(metrics.testCorrect)/\(metrics.testRows)), log-loss \(format(metrics.testLogLoss))
                """
            )
        }
    }

    /// Scores an artifact on the held-out rows.
    func evaluate(model: String?, data: String?, split: String?) throws -> ClassificationReport {
        switch self {
        case .iris:
            let loaded = IrisModel(try IrisArtifact.load(path: model ?? defaults.model))
            return try IrisTraining.evaluate(
                loaded, dataPath: data ?? defaults.data, splitPath: split ?? defaults.split!)
        case .sentiment:
            let loaded = SentimentModel(try SentimentArtifact.load(path: model ?? defaults.model))
            return try SentimentTraining.evaluate(loaded, dataPath: data ?? defaults.data)
        }
    }

    private func format(_ value: Double) -> String { value.fixed(4) }
}
