import Testing

@testable import Handlers

@Suite struct TokenizerTests {
    let tokenizer = Tokenizer(negation: true)

    @Test func lowerCasesAndSplitsPunctuation() {
        #expect(tokenizer.tokens("Great movie, GREAT cast!") == ["great", "movie", "great", "cast", "!"])
        #expect(tokenizer.tokens("Really?!") == ["really", "?", "!"])
    }

    @Test func replacesURLsMentionsAndNumbers() {
        #expect(
            tokenizer.tokens("@bob see https://x.io/a?b=1 or www.example.com in 2024") == [
                "<user>", "see", "<url>", "or", "<url>", "in", "<num>",
            ])
    }

    @Test func keepsEmoticonsAndEmoji() {
        #expect(tokenizer.tokens("fun :) but :( 😍") == ["fun", "<smile>", "but", "<frown>", "😍"])
    }

    @Test func splitsContractionsAndMarksNegationUntilPunctuation() {
        #expect(tokenizer.tokens("I don't like it, but ok") == ["i", "do", "not", "not_like", "not_it", "but", "ok"])
        #expect(tokenizer.tokens("can't won't isn’t") == ["can", "not", "not_will", "not", "not_is", "not"])
        #expect(tokenizer.tokens("it's the film's best") == ["it", "the", "film", "best"])
        #expect(Tokenizer(negation: false).tokens("not good") == ["not", "good"])
    }

    @Test func acceptsAnyTextWithoutCrashing() {
        for text in [
            "", "   ", "'''", "n't", "\u{0}", "日本語のテキスト", "مرحبا", "a\u{301}", String(repeating: "!", count: 5000), "👨‍👩‍👧‍👦",
        ] {
            _ = tokenizer.features(text, bigrams: true)
        }
        #expect(tokenizer.tokens("日本語 テキスト") == ["日本語", "テキスト"])
    }

    @Test func addsBigramsOfNeighbouringTokens() {
        #expect(
            tokenizer.features("very good film", bigrams: true) == ["very", "good", "film", "very good", "good film"])
    }

    /// The byte-level path for ASCII text must make exactly what the general one makes: checked on every
    /// line of the corpus and on edge cases, with negation on and off.
    @Test func asciiFastPathMatchesTheGeneralTokenizer() throws {
        let corpus = try SentimentCorpus(at: repositoryPath("data/sentiment.jsonl")).texts
        let edgeCases = [
            "", " \t\r\n", "n't", "'a", "a'", "Ca n't", "CAN'T won't", "@", "@x", "www.", "HTTP://X", ":-)", ":)!",
            "<3",
            "5", "5n't", "1'2", "not.good", "no!good", "never, ever; ok", "a:b", "\u{0}x\u{7F}", "(:", "don't...stop",
        ]
        var checked = 0
        for text in corpus + edgeCases where text.utf8.allSatisfy({ $0 < 0x80 }) {
            for tokenizer in [tokenizer, Tokenizer(negation: false)] {
                #expect(tokenizer.tokenList(text).strings == tokenizer.tokens(text), "\(text)")
            }
            checked += 1
        }
        #expect(checked > 15_000)
        #expect(tokenizer.tokenList("日本語 :)").strings == ["日本語", "<smile>"])
    }
}
