internal import CZlib

/// Fashion-MNIST (© 2017 Zalando SE, MIT licence): 28 × 28 grey images of clothing in 10 classes, as
/// Debian's `dataset-fashion-mnist` installs them: gzipped IDX files in `/usr/share/datasets/fashion-mnist`.
struct FashionDataset: Sendable {
    /// Where Debian's package puts the files.
    static let defaultDirectory = "/usr/share/datasets/fashion-mnist"

    /// `count × 784` bytes, light clothing on black, rows top to bottom.
    let images: [UInt8]
    /// One class index (0–9) per image.
    let labels: [UInt8]

    var count: Int { labels.count }

    /// The 60,000 training images or the 10,000 test images in `directory`.
    init(directory: String, part: Part) throws(ModelFileError) {
        let prefix = directory + "/" + part.rawValue
        let images = try Self.readIDX(prefix + "-images-idx3-ubyte.gz", magic: 0x0803)
        let labels = try Self.readIDX(prefix + "-labels-idx1-ubyte.gz", magic: 0x0801)
        guard images.dimensions.count == 3, images.dimensions[1] == 28, images.dimensions[2] == 28,
            labels.dimensions == [images.dimensions[0]], labels.data.allSatisfy({ $0 < 10 })
        else {
            throw ModelFileError(prefix, "the image and label files do not match Fashion-MNIST's layout")
        }
        self.images = images.data
        self.labels = labels.data
    }

    /// The training or the test files.
    enum Part: String, Sendable {
        case training = "train"
        case test = "t10k"
    }

    /// The first `count` images and labels.
    func prefix(_ count: Int) -> FashionDataset {
        FashionDataset(images: Array(images.prefix(count * 784)), labels: Array(labels.prefix(count)))
    }

    private init(images: [UInt8], labels: [UInt8]) {
        self.images = images
        self.labels = labels
    }

    /// Image `index` as 784 bytes.
    func image(_ index: Int) -> ArraySlice<UInt8> { images[(index * 784)..<((index + 1) * 784)] }

    /// Reads a gzipped IDX file: a magic number (`0x0803` for 3-D unsigned bytes), big-endian dimensions,
    /// then the bytes.
    private static func readIDX(_ path: String, magic: UInt32) throws(ModelFileError) -> (
        dimensions: [Int], data: [UInt8]
    ) {
        guard let file = gzopen(path, "rb") else {
            throw ModelFileError(
                path, "cannot open it (install Debian's dataset-fashion-mnist, or give --data DIRECTORY)")
        }
        defer { gzclose(file) }
        func read(_ count: Int) throws(ModelFileError) -> [UInt8] {
            var buffer = [UInt8](repeating: 0, count: count)
            let got = buffer.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32(count)) }
            guard got == Int32(count) else { throw ModelFileError(path, "the file is truncated or not gzip") }
            return buffer
        }
        func bigEndian(_ bytes: [UInt8]) -> UInt32 { bytes.reduce(0) { $0 << 8 | UInt32($1) } }
        let header = bigEndian(try read(4))
        guard header == magic else { throw ModelFileError(path, "not an IDX file of unsigned bytes") }
        var dimensions: [Int] = []
        for _ in 0..<Int(magic & 0xFF) { dimensions.append(Int(bigEndian(try read(4)))) }
        guard dimensions.allSatisfy({ $0 > 0 && $0 <= 100_000 }) else {
            throw ModelFileError(path, "its dimensions \(dimensions) are not plausible")
        }
        return (dimensions, try read(dimensions.reduce(1, *)))
    }
}
