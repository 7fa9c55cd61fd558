/// Trains and evaluates the iris model from the data file and the fixed split.
public enum IrisTraining {
    /// Folds of the cross-validation reported in the artifact.
    static let folds = 5

    /// Trains on the split's training rows and measures the result on its test rows and by
    /// cross-validation. `progress` receives a line per step for a terminal.
    /// - Parameter c: The regularisation; nil chooses it from ``candidateCs`` by cross-validation on the
    ///   training rows alone (never the test rows).
    public static func train(
        dataPath: String,
        splitPath: String,
        c: Double? = nil,
        progress: (String) -> Void = { _ in }
    ) throws(ModelFileError) -> IrisArtifact {
        let data = try IrisDataset(csvAt: dataPath)
        let split = try IrisSplit(at: splitPath, rows: data.features.count)
        let train = data.rows(split.train)
        let test = data.rows(split.test)
        let settings = SoftmaxRegression.Settings(
            c: c ?? chooseC(features: train.features, labels: train.labels, progress: progress)
        )

        progress("training on \(train.labels.count) rows")
        let model = SoftmaxRegression.train(
            features: train.features, labels: train.labels, classes: IrisDataset.speciesNames.count, settings: settings)
        let testReport = report(model, test.features, test.labels)

        var foldAccuracies: [Double] = []
        for fold in 0..<folds {
            progress("cross-validation fold \(fold + 1)/\(folds)")
            let (trainRows, testRows) = foldRows(labels: data.labels, fold: fold)
            let held = data.rows(testRows)
            let rest = data.rows(trainRows)
            let foldModel = SoftmaxRegression.train(
                features: rest.features, labels: rest.labels, classes: IrisDataset.speciesNames.count,
                settings: settings)
            foldAccuracies.append(report(foldModel, held.features, held.labels).accuracy)
        }

        return IrisArtifact(
            formatVersion: IrisArtifact.currentFormatVersion,
            kind: IrisArtifact.expectedKind,
            features: IrisDataset.featureNames,
            classes: IrisDataset.speciesNames,
            mean: model.mean,
            scale: model.scale,
            weights: model.weights,
            intercepts: model.intercepts,
            training: .init(
                dataSHA256: data.checksum, rows: train.labels.count, settings: settings, iterations: model.iterations),
            metrics: .init(
                trainAccuracy: report(model, train.features, train.labels).accuracy,
                testAccuracy: testReport.accuracy,
                testCorrect: testReport.correct,
                testRows: testReport.rows,
                testLogLoss: testReport.logLoss,
                crossValidationAccuracy: foldAccuracies.reduce(0, +) / Double(folds)
            )
        )
    }

    /// The regularisation strengths tried when none is given.
    static let candidateCs = [0.01, 0.1, 1, 10, 100, 1000]

    /// The candidate with the best cross-validated accuracy on these rows (ties: lower log-loss, then smaller C).
    static func chooseC(features: [[Double]], labels: [Int], progress: (String) -> Void) -> Double {
        var best: (c: Double, accuracy: Double, logLoss: Double)?
        for c in candidateCs {
            progress("choosing C: trying \(c)")
            var accuracy = 0.0
            var logLoss = 0.0
            for fold in 0..<folds {
                let (trainRows, testRows) = foldRows(labels: labels, fold: fold)
                let model = SoftmaxRegression.train(
                    features: trainRows.map { features[$0] },
                    labels: trainRows.map { labels[$0] },
                    classes: IrisDataset.speciesNames.count,
                    settings: .init(c: c)
                )
                let scores = report(model, testRows.map { features[$0] }, testRows.map { labels[$0] })
                accuracy += scores.accuracy / Double(folds)
                logLoss += scores.logLoss / Double(folds)
            }
            if let current = best,
                accuracy < current.accuracy || (accuracy == current.accuracy && logLoss >= current.logLoss)
            {
                continue
            }
            best = (c, accuracy, logLoss)
        }
        return best?.c ?? 1
    }

    /// Scores a model on the split's test rows.
    public static func evaluate(_ model: IrisModel, dataPath: String, splitPath: String) throws(ModelFileError)
        -> ClassificationReport
    {
        let data = try IrisDataset(csvAt: dataPath)
        let split = try IrisSplit(at: splitPath, rows: data.features.count)
        let test = data.rows(split.test)
        let probabilities = test.features.map { row in
            let p = model.probabilities(SIMD4(row))
            return [p.0, p.1, p.2]
        }
        return ClassificationReport(labels: IrisDataset.speciesNames, truth: test.labels, probabilities: probabilities)
    }

    /// Stratified folds without randomness: the i-th row of each species goes to fold `i % folds`.
    static func foldRows(labels: [Int], fold: Int) -> (train: [Int], test: [Int]) {
        var seen = [Int: Int]()
        var train: [Int] = []
        var test: [Int] = []
        for (row, label) in labels.enumerated() {
            let position = seen[label, default: 0]
            seen[label] = position + 1
            if position % folds == fold { test.append(row) } else { train.append(row) }
        }
        return (train, test)
    }

    private static func report(_ model: SoftmaxRegression, _ features: [[Double]], _ labels: [Int])
        -> ClassificationReport
    {
        ClassificationReport(
            labels: IrisDataset.speciesNames, truth: labels, probabilities: features.map(model.probabilities))
    }
}
