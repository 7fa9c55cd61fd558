public import Serve
public import ServeImages

/// Classifies photos of clothing into Fashion-MNIST's ten classes with a small convolutional network
/// trained here on its 60,000 training images (see `data/README.md`).
///
/// The model is loaded once at start-up: the one compiled in, or the file given with
/// `--option fashion.model=PATH`.
@EndpointGroup("fashion")
public struct Fashion {
    /// The model every call runs.
    public let model: FashionModel

    /// Loads the model: `fashion.model` names a file; without it the embedded model is used.
    public init(options: GroupOptions) throws {
        model = try FashionModel.load(path: options["fashion.model"])
    }

    /// Names the piece of clothing in a picture.
    ///
    /// Any size of PNG or JPEG works: the picture is made grey, inverted when its background is light,
    /// cropped to the item and fitted into 28 × 28 pixels, as the training images are.
    /// - Parameter image: A photo of one piece of clothing (PNG or JPEG).
    /// - Returns: The most probable class, the three most probable, and the probability of each class.
    @Endpoint public func predict(image: Image) -> FashionPrediction {
        FashionPrediction(model.probabilities(of: image))
    }
}

/// A class and how probable it is.
@Schema public struct FashionGuess: Sendable, Equatable {
    public let label: FashionClass
    public let probability: Double
}

/// What `fashion.predict` answers.
@Schema public struct FashionPrediction: Sendable, Equatable {
    /// The most probable class.
    public let label: FashionClass
    /// Its probability.
    public let probability: Double
    /// The three most probable classes, most probable first.
    public let top3: [FashionGuess]
    /// Every class's probability, by class name; they sum to 1.
    public let probabilities: [String: Double]

    /// The prediction for ten probabilities in label order.
    public init(_ probabilities: [Float]) {
        let guesses = FashionClass.allCases.indices.map {
            FashionGuess(label: FashionClass(label: $0), probability: Double(probabilities[$0]))
        }
        let ranked = guesses.sorted { $0.probability > $1.probability }
        label = ranked[0].label
        probability = ranked[0].probability
        top3 = Array(ranked.prefix(3))
        self.probabilities = Dictionary(uniqueKeysWithValues: guesses.map { ($0.label.rawValue, $0.probability) })
    }
}
