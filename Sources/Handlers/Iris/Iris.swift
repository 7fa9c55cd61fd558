public import Serve

/// Classifies iris flowers from four measurements with a multinomial logistic regression trained on
/// Fisher's iris data (see `data/README.md`).
///
/// The model is loaded once at start-up: the one compiled in, or the file given with
/// `--option iris.model=PATH`.
@EndpointGroup("iris")
public struct Iris {
    /// The model every call reads.
    public let model: IrisModel

    /// Loads the model: `iris.model` names a file; without it the embedded model is used.
    public init(options: GroupOptions) throws {
        model = IrisModel(try .load(path: options["iris.model"], orEmbedded: EmbeddedModels.iris, name: "iris"))
    }

    /// Predicts the species of an iris flower from its measurements.
    /// - Parameters:
    ///   - sepalLength: Sepal length in centimetres (greater than 0, at most 30).
    ///   - sepalWidth: Sepal width in centimetres (greater than 0, at most 30).
    ///   - petalLength: Petal length in centimetres (greater than 0, at most 30).
    ///   - petalWidth: Petal width in centimetres (greater than 0, at most 30).
    /// - Returns: The most probable species and the probability of each.
    @Endpoint public func predict(
        sepalLength: Centimetres,
        sepalWidth: Centimetres,
        petalLength: Centimetres,
        petalWidth: Centimetres
    ) -> IrisPrediction {
        IrisPrediction(
            model.probabilities(SIMD4(sepalLength.value, sepalWidth.value, petalLength.value, petalWidth.value)))
    }
}

/// A species of iris.
@Schema public enum IrisSpecies: String, CaseIterable, Sendable {
    case setosa, versicolor, virginica
}

/// The probability of each species; they sum to 1.
@Schema public struct SpeciesProbabilities: Sendable, Equatable {
    /// Probability of Iris setosa.
    public let setosa: Double
    /// Probability of Iris versicolor.
    public let versicolor: Double
    /// Probability of Iris virginica.
    public let virginica: Double
}

/// What `iris.predict` answers.
@Schema public struct IrisPrediction: Sendable, Equatable {
    /// The most probable species.
    public let species: IrisSpecies
    /// The probability of each species.
    public let probabilities: SpeciesProbabilities

    init(_ probabilities: (Double, Double, Double)) {
        self.probabilities = SpeciesProbabilities(
            setosa: probabilities.0,
            versicolor: probabilities.1,
            virginica: probabilities.2
        )
        species =
            probabilities.0 >= probabilities.1 && probabilities.0 >= probabilities.2
            ? .setosa : probabilities.1 >= probabilities.2 ? .versicolor : .virginica
    }
}
