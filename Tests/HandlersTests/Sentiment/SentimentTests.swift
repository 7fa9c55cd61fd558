import Foundation
import Serve
import Testing

@testable import Handlers

@Suite struct SentimentTrainingTests {
    @Test func reproducesTheShippedArtifactAndMeetsTheAccuracyFloor() throws {
        let artifact = try SentimentTraining.train(dataPath: repositoryPath("data/sentiment.jsonl"))
        let shipped = try Data(contentsOf: repository.appendingPathComponent("models/sentiment.json"))
        #expect(try artifact.encoded() == shipped)
        // scripts/embed-models was run after training
        #expect(
            try SentimentArtifact.load(EmbeddedModels.sentiment, path: "embedded")
                == SentimentArtifact.load(shipped, path: "file")
        )
        #expect(artifact.metrics.testRows == 3_183)
        #expect(artifact.metrics.testAccuracy >= 0.80)
        #expect(artifact.metrics.testLogLoss < 0.5)

        // The served model (a byte-keyed table) scores exactly as the naive Bayes it was trained as.
        let model = SentimentModel(artifact)
        let weights = Dictionary(uniqueKeysWithValues: zip(artifact.features, try #require(artifact.decodedWeights())))
        let classifier = NaiveBayes(weights: weights, bias: artifact.bias, temperature: artifact.temperature)
        for text in try SentimentCorpus(at: repositoryPath("data/sentiment.jsonl")).texts {
            let features = model.settings.tokenizer.features(text, bigrams: model.settings.bigrams)
            #expect(model.probability(text) == classifier.probability(features), "\(text)")
        }

        // The evidence is the five strongest distinct known features, ties in the artifact's feature order,
        // each with its weight over the temperature.
        let order = Dictionary(uniqueKeysWithValues: artifact.features.enumerated().map { ($1, $0) })
        for text in try SentimentCorpus(at: repositoryPath("data/sentiment.jsonl")).texts.prefix(2_000) {
            let known = Set(model.settings.tokenizer.features(text, bigrams: model.settings.bigrams))
                .filter { weights[$0] != nil }
            let strongest = known.sorted {
                (-abs(weights[$0]!), order[$0]!) < (-abs(weights[$1]!), order[$1]!)
            }.prefix(5)
            #expect(
                model.explain(text, limit: 5).evidence.map { "\($0.feature) \($0.weight)" }
                    == strongest.map { "\($0) \(weights[$0]! / artifact.temperature)" }, "\(text)")
        }

        let report = try SentimentTraining.evaluate(
            SentimentModel(artifact), dataPath: repositoryPath("data/sentiment.jsonl"))
        #expect(report.correct == artifact.metrics.testCorrect)
    }
}

@Suite struct SentimentArtifactTests {
    func problem(_ change: (inout [String: Any]) -> Void) throws -> String? {
        var object = try JSONSerialization.jsonObject(with: EmbeddedModels.sentiment) as! [String: Any]
        change(&object)
        do {
            _ = try SentimentArtifact.load(try JSONSerialization.data(withJSONObject: object), path: "models/bad.json")
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func rejectsBadArtifacts() throws {
        #expect(
            try problem { $0["formatVersion"] = 9 }
                == "models/bad.json: format version 9 is not supported (this build reads version 2)")
        #expect(try problem { $0["temperature"] = 0 }?.contains("not a finite number") == true)
        #expect(try problem { $0["features"] = [String]() } == "models/bad.json: the vocabulary is empty")
        #expect(
            try problem { $0["features"] = ["b", "a"] }
                == "models/bad.json: features must be unique and in ascending order")
        #expect(try problem { $0["weights"] = "AAAA" }?.contains("base64 of 33392 little-endian float64") == true)
        #expect(
            try problem { $0["weights"] = Base64.encode([UInt8](repeating: 0xff, count: 8 * 33_392)) }?
                .contains("not a finite number") == true)
        #expect(
            try problem { $0["classes"] = ["bad", "good"] } == "models/bad.json: classes must be negative, positive")
        #expect(try problem { $0["bias"] = nil } == "models/bad.json: missing 'bias'")
    }
}

@Suite struct SentimentPredictTests {
    let sentiment: Sentiment

    init() throws { sentiment = try Sentiment(options: GroupOptions()) }

    @Test(arguments: [
        ("A wonderful, moving film with a brilliant cast.", SentimentLabel.positive),
        ("Boring, predictable and far too long.", .negative),
        ("I loved every minute of it :)", .positive),
        ("This is not good at all.", .negative),
    ])
    func scoresClearSentences(_ text: String, _ label: SentimentLabel) throws {
        let prediction = sentiment.predict(text: try SentimentText(text))
        #expect(prediction.label == label)
        #expect(abs(prediction.positive + prediction.negative - 1) < 1e-12)
        #expect(!prediction.evidence.isEmpty && prediction.evidence.count <= 5)
    }

    /// Punctuation alone has no token the model reads: the answer is the prior, with no evidence.
    @Test func scoresTextWithoutTokensAsThePrior() throws {
        let artifact = sentiment.model.artifact
        let prior = 1 / (1 + Foundation.exp(-artifact.bias / artifact.temperature))
        for text in ["...", "—", ",;:"] {
            let prediction = sentiment.predict(text: try SentimentText(text))
            #expect(prediction.positive == prior, "\(text)")
            #expect(prediction.evidence.isEmpty, "\(text)")
        }
    }

    @Test func acceptsAnyUnicode() throws {
        for text in ["日本語のテキスト", "😍😍😍", "مرحبا بالعالم", "\u{0}x"] {
            let prediction = sentiment.predict(text: try SentimentText(text))
            #expect((0...1).contains(prediction.positive))
        }
    }

    @Test func textMustHaveContentAndAtMostTenThousandCodePoints() throws {
        for blank in ["", "  \n\t ", "\u{0B}\u{0C}\r"] {
            let error = #expect(throws: ArgumentError.self) { try SentimentText(blank) }
            #expect(error?.problems.first?.expected == "text with a character other than spaces, tabs and line breaks")
        }
        // Any other character is content, as the schema's pattern says: a no-break space, an ideographic space.
        for spaceLike in ["\u{A0}", "\u{3000}"] {
            #expect(throws: Never.self) { try SentimentText(spaceLike) }
        }
        let error = #expect(throws: ArgumentError.self) {
            try SentimentText(String(repeating: "a", count: SentimentText.maximumLength + 1))
        }
        #expect(error?.problems.first?.expected == "at most 10000 characters")
        #expect(throws: Never.self) { try SentimentText(String(repeating: "a", count: SentimentText.maximumLength)) }
        // Lengths are code points, as JSON Schema counts them: "e" + combining accent is two.
        let combining = String(repeating: "e\u{301}", count: SentimentText.maximumLength / 2 + 1)
        #expect(combining.count == SentimentText.maximumLength / 2 + 1)
        #expect(throws: ArgumentError.self) { try SentimentText(combining) }
        let schema = SentimentText.jsonSchema.jsonValue
        #expect(schema["maxLength"]?.text == "10000" && schema["minLength"]?.text == "1")
        #expect(schema["pattern"]?.text == #""[^ \\t\\n\\r\\f\\v]""#)
    }
}
