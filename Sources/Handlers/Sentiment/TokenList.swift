/// Tokens as UTF-8 bytes in one buffer: what scoring reads, made without a `String` per token.
struct TokenList: Equatable {
    private var bytes: [UInt8] = []
    /// Where each token ends in `bytes`; token `i` starts where token `i - 1` ends.
    private var ends: [Int] = []

    /// An empty list with room for the tokens of a text of `textLength` bytes (a `not_` prefix or a
    /// placeholder such as `<num>` may still make it grow).
    init(textLength: Int = 0) {
        bytes.reserveCapacity(textLength + 16)
        ends.reserveCapacity(textLength / 2 + 1)
    }

    /// The tokens of a list of strings.
    init(_ tokens: [String]) {
        for token in tokens { append(token.utf8) }
    }

    /// Adds a token.
    mutating func append(_ token: some Collection<UInt8>) {
        bytes += token
        ends.append(bytes.count)
    }

    /// Adds a token made of `prefix` then `token`.
    mutating func append(_ token: some Collection<UInt8>, prefix: [UInt8]) {
        bytes += prefix
        append(token)
    }

    /// Calls `body` with the tokens where they lie: scoring reads each several times.
    func withUnsafeTokens<Result>(_ body: (UnsafeTokens) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBufferPointer { bytes in
            try ends.withUnsafeBufferPointer { ends in try body(UnsafeTokens(bytes: bytes, ends: ends)) }
        }
    }

    /// The tokens, valid only inside ``withUnsafeTokens(_:)``.
    struct UnsafeTokens {
        fileprivate let bytes: UnsafeBufferPointer<UInt8>
        fileprivate let ends: UnsafeBufferPointer<Int>

        var count: Int { ends.count }

        subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[(index == 0 ? 0 : ends[index - 1])..<ends[index]])
        }
    }

    /// The tokens as strings (for tests and messages).
    var strings: [String] {
        withUnsafeTokens { tokens in (0..<tokens.count).map { String(decoding: tokens[$0], as: UTF8.self) } }
    }
}
