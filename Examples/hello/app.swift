// Two plain Swift functions: `serve app` serves both, with no import, no annotation and no main.

/// Adds two integers.
/// - Parameters:
///   - a: The first addend.
///   - b: The second addend.
/// - Returns: Their sum.
func add(a: Int, b: Int) -> Int {
    a + b
}

/// Predicts whether a text is positive, from the words it contains.
/// - Parameter text: The text to score.
/// - Returns: "positive" or "negative".
func predict(text: String) -> String {
    let words = Set(text.lowercased().split { !$0.isLetter }.map(String.init))
    return words.isDisjoint(with: ["good", "great", "respect", "love", "thanks"]) ? "negative" : "positive"
}
