public import Serve

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Fisher's iris measurements: four lengths in centimetres and a species per row.
public struct IrisDataset: Sendable {
    /// The CSV columns holding the features, in the order the model uses them.
    public static let featureNames = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    /// The species, in the order the model scores them.
    public static let speciesNames = ["setosa", "versicolor", "virginica"]

    /// One row of four measurements per flower.
    public var features: [[Double]]
    /// The index into ``speciesNames`` of each flower.
    public var labels: [Int]
    /// SHA-256 of the CSV file's bytes.
    public let checksum: String

    /// Reads `sepal_length,sepal_width,petal_length,petal_width,species` rows from the CSV file at `path`.
    public init(csvAt path: String) throws(ModelFileError) {
        try self.init(csv: [UInt8](try ArtifactFile.read(path)), path: path)
    }

    init(csv bytes: [UInt8], path: String) throws(ModelFileError) {
        let lines = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline)
        guard let header = lines.first, header.split(separator: ",").map(String.init) == Self.featureNames + ["species"]
        else {
            throw ModelFileError(path, "the header must be \((Self.featureNames + ["species"]).joined(separator: ","))")
        }
        var features: [[Double]] = []
        var labels: [Int] = []
        for (number, line) in lines.dropFirst().enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            let values = cells.prefix(4).compactMap { Double($0) }
            guard cells.count == 5, values.count == 4, values.allSatisfy(\.isFinite),
                let label = Self.speciesNames.firstIndex(of: String(cells[4]))
            else {
                throw ModelFileError(path, "line \(number + 2) is not four numbers and a known species: \(line)")
            }
            features.append(values)
            labels.append(label)
        }
        self.features = features
        self.labels = labels
        self.checksum = SHA256.hex(bytes)
    }

    /// The rows at `indices`, in that order.
    public func rows(_ indices: [Int]) -> (features: [[Double]], labels: [Int]) {
        (indices.map { features[$0] }, indices.map { labels[$0] })
    }
}

/// A fixed train/test split: 0-based row indices into the CSV's data rows.
@Schema public struct IrisSplit: Sendable {
    /// Where the split came from.
    public var note: String?
    public var train: [Int]
    public var test: [Int]

    /// Reads the split at `path` and checks it against a data set of `rows` rows.
    public init(at path: String, rows: Int) throws(ModelFileError) {
        self = try ArtifactFile.decode(IrisSplit.self, from: try ArtifactFile.read(path), path: path)
        let all = train + test
        guard all.allSatisfy({ (0..<rows).contains($0) }) else {
            throw ModelFileError(path, "an index is outside the \(rows) data rows")
        }
        guard Set(all).count == all.count else { throw ModelFileError(path, "train and test rows overlap or repeat") }
    }
}
