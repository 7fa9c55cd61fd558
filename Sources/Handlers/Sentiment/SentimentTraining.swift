/// Trains and evaluates the sentiment model from the corpus.
public enum SentimentTraining {
    /// The last part of the training lines that chooses the settings (never the test lines).
    static let validationFraction = 0.1

    /// The settings tried on the validation lines. Features seen once are never kept: they would
    /// triple the artifact (and the binary that embeds it) for a few tenths of a point.
    static let candidates: [NaiveBayes.Settings] = [true, false].flatMap { negation in
        [2, 3].flatMap { minimumCount in
            [0.1, 0.25, 0.5, 1.0].map { alpha in
                NaiveBayes.Settings(
                    tokenizer: Tokenizer(negation: negation), bigrams: true, alpha: alpha, minimumCount: minimumCount)
            }
        }
    }

    /// Chooses settings and a temperature on the validation lines, trains on all training lines and scores the test lines.
    public static func train(dataPath: String, progress: (String) -> Void = { _ in }) throws(ModelFileError)
        -> SentimentArtifact
    {
        let corpus = try SentimentCorpus(at: dataPath)
        guard corpus.texts.count > SentimentCorpus.trainingLines else {
            throw ModelFileError(
                dataPath, "needs more than \(SentimentCorpus.trainingLines) lines (the first ones train, the rest test)"
            )
        }
        let validationStart =
            SentimentCorpus.trainingLines - Int(Double(SentimentCorpus.trainingLines) * validationFraction)
        let fit = corpus.slice(0..<validationStart)
        let validation = corpus.slice(validationStart..<SentimentCorpus.trainingLines)

        var best: (settings: NaiveBayes.Settings, accuracy: Double, logLoss: Double)?
        var featureCache: [Tokenizer: ([[String]], [[String]])] = [:]
        for settings in candidates {
            progress(
                "choosing settings: negation \(settings.tokenizer.negation), alpha \(settings.alpha), min count \(settings.minimumCount)"
            )
            if featureCache[settings.tokenizer] == nil {
                featureCache[settings.tokenizer] = (
                    fit.texts.map { settings.tokenizer.features($0, bigrams: true) },
                    validation.texts.map { settings.tokenizer.features($0, bigrams: true) }
                )
            }
            let (fitFeatures, validationFeatures) = featureCache[settings.tokenizer]!
            let model = NaiveBayes(
                counts: .init(features: fitFeatures, labels: fit.labels), alpha: settings.alpha,
                minimumCount: settings.minimumCount)
            let report = Self.report(model, validationFeatures, validation.labels)
            if let current = best,
                report.accuracy < current.accuracy
                    || report.accuracy == current.accuracy && report.logLoss >= current.logLoss
            {
                continue
            }
            best = (settings, report.accuracy, report.logLoss)
        }
        let settings = best!.settings
        let (fitFeatures, validationFeatures) = featureCache[settings.tokenizer]!
        progress("calibrating")
        let validationModel = NaiveBayes(
            counts: .init(features: fitFeatures, labels: fit.labels), alpha: settings.alpha,
            minimumCount: settings.minimumCount)
        let temperature = validationModel.calibratedTemperature(features: validationFeatures, labels: validation.labels)

        progress("training on \(SentimentCorpus.trainingLines) lines")
        let training = corpus.slice(0..<SentimentCorpus.trainingLines)
        var model = NaiveBayes(
            counts: .init(
                features: training.texts.map { settings.tokenizer.features($0, bigrams: settings.bigrams) },
                labels: training.labels),
            alpha: settings.alpha,
            minimumCount: settings.minimumCount
        )
        model.temperature = temperature
        let test = corpus.slice(SentimentCorpus.trainingLines..<corpus.texts.count)
        let testReport = report(
            model, test.texts.map { settings.tokenizer.features($0, bigrams: settings.bigrams) }, test.labels)
        let features = model.weights.keys.sorted()
        return SentimentArtifact(
            formatVersion: SentimentArtifact.currentFormatVersion,
            kind: SentimentArtifact.expectedKind,
            classes: SentimentCorpus.labels,
            bias: model.bias,
            temperature: temperature,
            features: features,
            weights: FloatCoding.encode(features.map { model.weights[$0]! }),
            training: .init(
                dataSHA256: corpus.checksum,
                rows: SentimentCorpus.trainingLines,
                validationRows: validation.texts.count,
                validationAccuracy: best!.accuracy,
                settings: settings
            ),
            metrics: .init(
                testAccuracy: testReport.accuracy,
                testCorrect: testReport.correct,
                testRows: testReport.rows,
                testLogLoss: testReport.logLoss
            )
        )
    }

    /// Scores a model on the corpus's test lines.
    public static func evaluate(_ model: SentimentModel, dataPath: String) throws(ModelFileError)
        -> ClassificationReport
    {
        let corpus = try SentimentCorpus(at: dataPath)
        let test = corpus.slice(min(SentimentCorpus.trainingLines, corpus.texts.count)..<corpus.texts.count)
        return ClassificationReport(
            labels: SentimentCorpus.labels,
            truth: test.labels,
            probabilities: test.texts.map { text in
                let positive = model.probability(text)
                return [1 - positive, positive]
            }
        )
    }

    private static func report(_ model: NaiveBayes, _ features: [[String]], _ labels: [Int]) -> ClassificationReport {
        ClassificationReport(
            labels: SentimentCorpus.labels,
            truth: labels,
            probabilities: features.map { features in
                let positive = model.probability(features)
                return [1 - positive, positive]
            }
        )
    }
}
