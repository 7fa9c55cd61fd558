extension Tokenizer {
    /// The tokens of `text` as bytes. ASCII text (nearly all) takes a byte-level path that makes exactly
    /// what ``tokens(_:)`` makes (a test holds the two together over the whole corpus); other text goes
    /// through ``tokens(_:)``.
    func tokenList(_ text: String) -> TokenList {
        let ascii = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 < 0x80 } ? asciiTokens(bytes) : nil
        }
        return (ascii ?? nil) ?? TokenList(tokens(text))
    }

    private static let asciiNegations = negations.map { Array($0.utf8) }
    private static let asciiSmiles = smiles.map { Array($0.utf8) }
    private static let asciiFrowns = frowns.map { Array($0.utf8) }
    private static let not = Array("not".utf8), notPrefix = Array("not_".utf8), number = Array("<num>".utf8)
    private static let can = Array("can".utf8), will = Array("will".utf8)
    private static let http = Array("http://".utf8), https = Array("https://".utf8), www = Array("www.".utf8)
    private static let url = Array("<url>".utf8), user = Array("<user>".utf8)
    private static let smile = Array("<smile>".utf8), frown = Array("<frown>".utf8)

    /// Whether `word` is one of ``negations``; every one starts with `n`, `c` or `w`.
    private static func isNegation(_ word: ArraySlice<UInt8>) -> Bool {
        switch word.first {
        case UInt8(ascii: "n"), UInt8(ascii: "c"), UInt8(ascii: "w"):
            asciiNegations.contains { $0.count == word.count && $0.elementsEqual(word) }
        default: false
        }
    }

    /// ``tokens(_:)`` for ASCII text, byte by byte.
    private func asciiTokens(_ text: UnsafeBufferPointer<UInt8>) -> TokenList {
        let lower = text.map { $0 &- UInt8(ascii: "A") < 26 ? $0 | 0x20 : $0 }
        var list = TokenList(textLength: text.count)
        var negated = false

        // A finished word, as `tokens(_:)` treats what `words(in:)` gives it.
        func emit(_ word: ArraySlice<UInt8>) {
            guard !word.isEmpty else { return }
            if Self.isNegation(word) {
                list.append(word)
                negated = negation
            } else if negated {
                list.append(word, prefix: Self.notPrefix)
            } else {
                list.append(word)
            }
        }
        // A run of word bytes, as `words(in:)` flushes it.
        func flush(_ word: ArraySlice<UInt8>) {
            guard !word.isEmpty else { return }
            let end = word.endIndex
            if word.count >= 3, word[end - 1] == UInt8(ascii: "t"), word[end - 2] == UInt8(ascii: "'"),
                word[end - 3] == UInt8(ascii: "n")
            {
                let stem = word.dropLast(3)
                emit(
                    stem.elementsEqual("ca".utf8)
                        ? Self.can[...] : stem.elementsEqual("wo".utf8) ? Self.will[...] : stem)
                emit(Self.not[...])
            } else if word.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) {
                emit(Self.number[...])
            } else if let apostrophe = word.firstIndex(of: UInt8(ascii: "'")) {
                emit(word[..<apostrophe])
            } else {
                emit(word)
            }
        }

        var index = 0
        while index < lower.count {
            while index < lower.count, Self.isSpace(lower[index]) { index += 1 }
            guard index < lower.count else { break }
            let start = index
            while index < lower.count, !Self.isSpace(lower[index]) { index += 1 }
            let piece = lower[start..<index]

            // Most pieces are plain words: the first byte rules out URLs and emoticons before any comparison.
            let first = piece.first!
            if first == UInt8(ascii: "h") || first == UInt8(ascii: "w"),
                piece.starts(with: Self.http) || piece.starts(with: Self.https) || piece.starts(with: Self.www)
            {
                list.append(Self.url)
            } else if first == UInt8(ascii: "@"), piece.count > 1 {
                list.append(Self.user)
            } else if !Self.isWordByte(first), Self.asciiSmiles.contains(where: { $0.elementsEqual(piece) }) {
                list.append(Self.smile)
            } else if !Self.isWordByte(first), Self.asciiFrowns.contains(where: { $0.elementsEqual(piece) }) {
                list.append(Self.frown)
            } else {
                var wordStart = start
                for position in start..<index {
                    let byte = lower[position]
                    if Self.isWordByte(byte) || byte == UInt8(ascii: "'") && position > wordStart { continue }
                    flush(lower[wordStart..<position])
                    wordStart = position + 1
                    switch byte {
                    case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"):
                        negated = false
                    case UInt8(ascii: "!"), UInt8(ascii: "?"):
                        negated = false
                        list.append(CollectionOfOne(byte))
                    default:
                        break
                    }
                }
                flush(lower[wordStart..<index])
            }
        }
        return list
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte &- 0x09 < 5 }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10
    }
}
