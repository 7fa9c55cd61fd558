internal import CZlib
internal import Serve

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The shipped model artifacts, compiled in so `serve` works without files beside it. Each model's
/// data is generated from `models/NAME.json` into `Sources/Handlers/Generated/` by `scripts/embed-models`.
enum EmbeddedModels {
    /// The `size` bytes that `base64` holds deflated (zlib's format).
    static func inflated(base64: String, size: Int) -> Data {
        // The text was written by scripts/embed-models, so a failure here is a broken build, not bad input.
        guard let compressed = try? Base64.decode(base64[...]) else {
            preconditionFailure("embedded model: not base64")
        }
        var output = [UInt8](repeating: 0, count: size)
        var length = UInt(size)
        let status = output.withUnsafeMutableBufferPointer { output in
            compressed.withUnsafeBufferPointer {
                uncompress(output.baseAddress, &length, $0.baseAddress, UInt($0.count))
            }
        }
        precondition(status == Z_OK && length == UInt(size), "embedded model: not zlib data of \(size) bytes")
        return Data(output)
    }
}
