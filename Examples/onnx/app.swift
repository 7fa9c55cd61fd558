// An ONNX model inside a plain Swift file: `serve app.predict` serves `predict`. The model is the random
// forest train.py exports; it is loaded once, at start-up (a file Serve cannot run stops start-up with
// one line), then each call runs it between Swift of your own: measurements in, a species out.

let model = try ONNXModel("model.onnx")
let species = ["setosa", "versicolor", "virginica"]

/// A predicted species and how sure the forest is of it.
struct Prediction {
    /// The most probable species.
    var species: String
    /// The share of the forest's trees that vote for it.
    var probability: Double
}

/// Predicts the species of an iris flower from its measurements.
/// - Parameters:
///   - sepalLength: Sepal length in cm.
///   - sepalWidth: Sepal width in cm.
///   - petalLength: Petal length in cm.
///   - petalWidth: Petal width in cm.
func predict(sepalLength: Double, sepalWidth: Double, petalLength: Double, petalWidth: Double) throws -> Prediction {
    let measurements = [sepalLength, sepalWidth, petalLength, petalWidth].map { Float($0) }
    let outputs = try model.run(["features": try Tensor(shape: [1, 4], values: measurements)])
    let label = Int(outputs["label"]?.tensor?.values(as: Int64.self)?.first ?? 0)
    let probabilities = outputs["probabilities"]?.tensor?.values(as: Float.self) ?? []
    return Prediction(species: species[label], probability: Double(probabilities[label]))
}
