/// Tokens as UTF-8 bytes in one buffer: what scoring reads, made without a `String` per token.
struct TokenList: Equatable {
    private var bytes: [UInt8] = []
    /// Where each token ends in `bytes`; token `i` starts where token `i - 1` ends.
    private var ends: [Int] = []

    init() {}

    /// The tokens of a list of strings.
    init(_ tokens: [String]) {
        for token in tokens { append(token.utf8) }
    }

    var count: Int { ends.count }

    subscript(index: Int) -> ArraySlice<UInt8> {
        bytes[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }

    /// Adds a token: `prefix` then `token`.
    mutating func append(_ token: some Sequence<UInt8>, prefix: [UInt8] = []) {
        bytes += prefix
        bytes += token
        ends.append(bytes.count)
    }

    /// The tokens as strings (for tests and messages).
    var strings: [String] { (0..<count).map { String(decoding: self[$0], as: UTF8.self) } }
}
