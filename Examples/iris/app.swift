// The iris classifier as a plain Swift file: `serve app.predict` serves it. It loads the model that
// `serve train iris` writes (multinomial logistic regression on standardised features), once, at start-up.
import Foundation

/// The artifact `serve train iris` writes (only the fields prediction needs).
struct IrisModel: Decodable {
    let classes: [String]
    let mean: [Double]
    let scale: [Double]
    let weights: [[Double]]
    let intercepts: [Double]

    init(path: String) throws {
        self = try JSONDecoder().decode(IrisModel.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The probability of each class for four measurements, by softmax over the linear scores.
    func probabilities(_ features: [Double]) -> [Double] {
        let standardised = zip(features, zip(mean, scale)).map { value, statistics in
            (value - statistics.0) / statistics.1
        }
        let scores = zip(weights, intercepts).map { row, intercept in
            zip(row, standardised).reduce(intercept) { $0 + $1.0 * $1.1 }
        }
        let largest = scores.max() ?? 0
        let exponentials = scores.map { exp($0 - largest) }
        let total = exponentials.reduce(0, +)
        return exponentials.map { $0 / total }
    }
}

let model = try IrisModel(path: ProcessInfo.processInfo.environment["IRIS_MODEL"] ?? "model.json")

/// A predicted species, with the probability of each.
struct Prediction {
    /// The most probable species.
    var species: String
    /// The probability of each species.
    var probabilities: [String: Double]
}

/// Predicts the species of an iris flower from its measurements in centimetres.
/// - Parameters:
///   - sepalLength: Sepal length (cm).
///   - sepalWidth: Sepal width (cm).
///   - petalLength: Petal length (cm).
///   - petalWidth: Petal width (cm).
func predict(sepalLength: Double, sepalWidth: Double, petalLength: Double, petalWidth: Double) -> Prediction {
    let probabilities = model.probabilities([sepalLength, sepalWidth, petalLength, petalWidth])
    let best = probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0
    return Prediction(
        species: model.classes[best],
        probabilities: Dictionary(uniqueKeysWithValues: zip(model.classes, probabilities)))
}
