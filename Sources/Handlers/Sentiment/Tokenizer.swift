import Serve

/// Turns a sentence into the tokens the sentiment model counts.
///
/// Lower-cases; replaces URLs with `<url>`, @mentions with `<user>` and numbers with `<num>`; keeps
/// emoticons (`:)` → `<smile>`, `:(` → `<frown>`) and emoji as tokens; splits `n't` off as `not`;
/// keeps `!` and `?`; and, with negation on, prefixes `not_` to the words after a negation up to the
/// next punctuation (`not good` → `not`, `not_good`). Any Unicode text is accepted.
@Schema struct Tokenizer: Hashable, Sendable {
    /// Whether words after a negation are marked.
    var negation: Bool = true

    static let negations: Set<String> = [
        "not", "no", "never", "nothing", "nobody", "none", "neither", "nor", "nowhere", "cannot", "without",
    ]
    static let smiles: Set<String> = [
        ":)", ":-)", ":d", ":-d", ";)", ";-)", ":p", ":-p", "=)", ":]", "(:", "<3",
    ]
    static let frowns: Set<String> = [":(", ":-(", ":'(", "=(", ":[", "):", ":/", ":-/", "</3"]

    func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var negated = false
        for piece in text.lowercased().split(whereSeparator: \.isSpace) {
            let piece = String(piece)
            if piece.hasPrefix("http://") || piece.hasPrefix("https://") || piece.hasPrefix("www.") {
                tokens.append("<url>")
                continue
            }
            if piece.hasPrefix("@"), piece.count > 1 {
                tokens.append("<user>")
                continue
            }
            if Self.smiles.contains(piece) || Self.frowns.contains(piece) {
                tokens.append(Self.smiles.contains(piece) ? "<smile>" : "<frown>")
                continue
            }
            for word in Self.words(in: piece) {
                switch word {
                case ".", ",", ";", ":", "!", "?":
                    negated = false
                    if word == "!" || word == "?" { tokens.append(word) }
                case let word where Self.negations.contains(word):
                    tokens.append(word)
                    negated = negation
                default:
                    tokens.append(negated ? "not_" + word : word)
                }
            }
        }
        return tokens
    }

    /// Words, numbers, emoji and punctuation marks in one whitespace-free piece of text.
    private static func words(in piece: String) -> [String] {
        var words: [String] = []
        var current = ""
        func flush() {
            guard !current.isEmpty else { return }
            if current.hasSuffix("n't") {
                let stem = String(current.dropLast(3))
                words.append(stem == "ca" ? "can" : stem == "wo" ? "will" : stem)
                words.append("not")
            } else if current.allSatisfy(\.isDigit) {
                words.append("<num>")
            } else if let apostrophe = current.firstIndex(of: "'"), apostrophe != current.startIndex {
                words.append(String(current[..<apostrophe]))  // drop 's, 're, 'll, 've, 'm, 'd
            } else {
                words.append(current.filter { $0 != "'" })
            }
            current = ""
        }
        for character in piece {
            if character.isWordCharacter || (character == "'" || character == "’") && !current.isEmpty {
                current.append(character == "’" ? "'" : character)
            } else if ".,;:!?".contains(character) {
                flush()
                words.append(String(character))
            } else {
                flush()
                if character.asciiValue == nil,
                    character.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation })
                {
                    words.append(String(character))
                }
            }
        }
        flush()
        return words.filter { !$0.isEmpty }
    }

    /// The features counted: every token, and with `bigrams` every pair of neighbouring tokens.
    func features(_ text: String, bigrams: Bool) -> [String] {
        let tokens = tokens(text)
        guard bigrams, tokens.count > 1 else { return tokens }
        return tokens + (1..<tokens.count).map { tokens[$0 - 1] + " " + tokens[$0] }
    }
}

// Unicode property look-ups are slow; most text is ASCII, whose classes the byte tells directly.
extension Character {
    /// A letter or a digit, in any script.
    fileprivate var isWordCharacter: Bool {
        guard let ascii = asciiValue else { return isLetter || isNumber }
        return ascii &- UInt8(ascii: "a") < 26 || ascii &- UInt8(ascii: "A") < 26 || ascii &- UInt8(ascii: "0") < 10
    }

    /// A digit, in any script.
    fileprivate var isDigit: Bool {
        guard let ascii = asciiValue else { return isNumber }
        return ascii &- UInt8(ascii: "0") < 10
    }

    /// Whitespace, in any script.
    fileprivate var isSpace: Bool {
        guard let ascii = asciiValue else { return isWhitespace }
        return ascii == 0x20 || ascii &- 0x09 < 5
    }
}
