import Foundation
import Serve
import Testing

@testable import Handlers

/// The repository's root, for the shipped data and model.
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

func repositoryPath(_ path: String) -> String { repository.appendingPathComponent(path).path }

@Suite struct IrisTrainingTests {
    let data = repositoryPath("data/iris.csv")
    let split = repositoryPath("data/iris_split.json")

    @Test func reproducesTheShippedArtifactByteForByte() throws {
        let trained = try IrisTraining.train(dataPath: data, splitPath: split).encoded()
        let shipped = try Data(contentsOf: repository.appendingPathComponent("models/iris.json"))
        #expect(trained == shipped)
        // scripts/embed-models was run after training
        #expect(
            try IrisArtifact.load(EmbeddedModels.iris, path: "embedded") == IrisArtifact.load(shipped, path: "file")
        )
    }

    @Test func meetsTheAccuracyFloor() throws {
        let artifact = try IrisArtifact.load(path: repositoryPath("models/iris.json"))
        #expect(artifact.metrics.testCorrect >= 29)
        #expect(artifact.metrics.testRows == 30)
        #expect(artifact.metrics.crossValidationAccuracy >= 0.96)
        let report = try IrisTraining.evaluate(IrisModel(artifact), dataPath: data, splitPath: split)
        #expect(report.correct >= 29)
        #expect(report.rows == 30)
    }

    @Test func foldsAreStratifiedAndCoverEveryRowOnce() throws {
        let labels = try IrisDataset(csvAt: data).labels
        var tested: [Int] = []
        for fold in 0..<IrisTraining.folds {
            let rows = IrisTraining.foldRows(labels: labels, fold: fold)
            #expect(rows.test.count == 30)
            #expect((0..<3).allSatisfy { species in rows.test.filter { labels[$0] == species }.count == 10 })
            tested += rows.test
        }
        #expect(tested.sorted() == Array(0..<150))
    }
}

@Suite struct IrisArtifactTests {
    /// The shipped artifact as a JSON object to tamper with.
    func shipped() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: EmbeddedModels.iris) as! [String: Any]
    }

    func problem(loading object: [String: Any]) -> String? {
        do {
            _ = try IrisArtifact.load(try JSONSerialization.data(withJSONObject: object), path: "models/bad.json")
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func rejectsAnotherFormatVersion() throws {
        var object = try shipped()
        object["formatVersion"] = 2
        #expect(
            problem(loading: object)
                == "models/bad.json: format version 2 is not supported (this build reads version 1)")
    }

    @Test func rejectsAWrongFeatureCount() throws {
        var object = try shipped()
        object["features"] = ["sepal_length", "sepal_width", "petal_length"]
        #expect(problem(loading: object)?.hasPrefix("models/bad.json: features must be sepal_length") == true)
        object = try shipped()
        object["weights"] = [[1, 2, 3], [1, 2, 3], [1, 2, 3]]
        #expect(problem(loading: object)?.contains("weights need 3 rows of 4 values") == true)
    }

    @Test func rejectsNonFiniteWeights() throws {
        let shipped = String(decoding: EmbeddedModels.iris, as: UTF8.self)
        try #require(shipped.contains(#""intercepts": ["#))
        let text = shipped.replacingOccurrences(of: #""intercepts": ["#, with: #""intercepts": [1e999, "#)
        let error = #expect(throws: ModelFileError.self) {
            try IrisArtifact.load(Data(text.utf8), path: "models/bad.json")
        }
        #expect(error?.path == "models/bad.json")
    }

    @Test func rejectsMissingFieldsAndBrokenJSON() throws {
        var object = try shipped()
        object["weights"] = nil
        #expect(problem(loading: object) == "models/bad.json: missing 'weights'")
        #expect(throws: ModelFileError.self) { try IrisArtifact.load(Data("{".utf8), path: "x") }
        #expect(throws: ModelFileError.self) { try IrisArtifact.load(path: "/no/such/model.json") }
    }
}

@Suite struct IrisPredictTests {
    let iris: Iris

    init() throws { iris = try Iris(options: GroupOptions()) }

    @Test(arguments: [(0, IrisSpecies.setosa), (50, .versicolor), (100, .virginica), (149, .virginica)])
    func predictsKnownRows(row: Int, species: IrisSpecies) throws {
        let flower = try IrisDataset(csvAt: repositoryPath("data/iris.csv")).features[row]
        let lengths = try flower.map { try #require(Centimetres($0)) }
        let prediction = iris.predict(
            sepalLength: lengths[0], sepalWidth: lengths[1], petalLength: lengths[2], petalWidth: lengths[3])
        #expect(prediction.species == species)
        let p = prediction.probabilities
        #expect(abs(p.setosa + p.versicolor + p.virginica - 1) < 1e-12)
    }

    @Test func readsOnlyPlausibleLengthsAndSaysSoInItsSchema() throws {
        for valid in ["0.1", "5.9", "30", "3e1"] {
            #expect(throws: Never.self) { try Centimetres(field: valid) }
        }
        for invalid in ["0", "-1", "30.000001", "51"] {
            let error = #expect(throws: ArgumentError.self) { try Centimetres(field: invalid) }
            #expect(error?.problems.first?.expected == Centimetres.expected)
        }
        #expect(throws: ArgumentError.self) { try Centimetres(field: "1e400") }
        let schema = Centimetres.jsonSchema.jsonValue
        #expect(schema["exclusiveMinimum"]?.text == "0.0" || schema["exclusiveMinimum"]?.text == "0")
        #expect(schema["maximum"]?.text == "30.0" || schema["maximum"]?.text == "30")
    }

    @Test func loadsAnotherModelFromTheOption() throws {
        let loaded = try Iris(options: GroupOptions(["iris.model": repositoryPath("models/iris.json")]))
        #expect(loaded.model.artifact == iris.model.artifact)
        #expect(throws: ModelFileError.self) { try Iris(options: GroupOptions(["iris.model": "/missing.json"])) }
    }
}
