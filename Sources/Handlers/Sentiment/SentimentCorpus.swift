internal import Serve

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Labelled English sentences, one JSON object per line: `{"text": …, "label": "positive"|"negative"}`.
public struct SentimentCorpus: Sendable {
    /// The labels, in the order the model scores them.
    public static let labels = ["negative", "positive"]
    /// The shipped file's fixed split: the first lines train, the rest test.
    public static let trainingLines = 12_734

    public var texts: [String]
    /// 1 for positive, 0 for negative.
    public var labels: [Int]
    /// SHA-256 of the file's bytes.
    public let checksum: String

    /// Reads the JSON-lines file at `path`.
    public init(at path: String) throws(ModelFileError) {
        let data = try ArtifactFile.read(path)
        var texts: [String] = []
        var labels: [Int] = []
        for (number, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            guard let row = try? CorpusLine(jsonDocument: [UInt8](line)),
                let label = Self.labels.firstIndex(of: row.label)
            else {
                throw ModelFileError(
                    path, "line \(number + 1) is not {\"text\": …, \"label\": \"positive\"|\"negative\"}")
            }
            texts.append(row.text)
            labels.append(label)
        }
        self.texts = texts
        self.labels = labels
        checksum = SHA256.hex([UInt8](data))
    }

    /// The lines in `range`.
    func slice(_ range: Range<Int>) -> (texts: [String], labels: [Int]) {
        (Array(texts[range]), Array(labels[range]))
    }
}

/// One line of the corpus.
@Schema private struct CorpusLine {
    let text: String
    let label: String
}
