public import Serve

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A trained model as a file: versioned JSON (never an executable format) that is checked when loaded.
/// Conforming artifacts share one serialiser, their `@Schema` (read with Serve's strict reader, written
/// with its writer), and the version and kind checks.
public protocol ModelArtifact: WireCodable, Equatable, Sendable {
    /// The format version this build reads and writes.
    static var currentFormatVersion: Int { get }
    /// The model kind this build knows.
    static var expectedKind: String { get }
    var formatVersion: Int { get }
    var kind: String { get }
    /// Checks everything beyond version and kind, naming `path` in the error.
    func validate(path: String) throws(ModelFileError)
}

extension ModelArtifact {
    /// Reads and validates the artifact at `path`.
    public static func load(path: String) throws(ModelFileError) -> Self {
        try load(ArtifactFile.read(path), path: path)
    }

    /// Decodes and validates an artifact; `path` names it in errors.
    public static func load(_ data: Data, path: String) throws(ModelFileError) -> Self {
        let artifact = try ArtifactFile.decode(Self.self, from: data, path: path)
        guard artifact.formatVersion == currentFormatVersion else {
            throw ModelFileError(
                path,
                "format version \(artifact.formatVersion) is not supported (this build reads version \(currentFormatVersion))"
            )
        }
        guard artifact.kind == expectedKind else {
            throw ModelFileError(path, "model kind '\(artifact.kind)' is not '\(expectedKind)'")
        }
        try artifact.validate(path: path)
        return artifact
    }

    /// The file at `path` when one is given, else the copy compiled into the binary (`name` names it in errors).
    static func load(path: String?, orEmbedded data: Data, name: String) throws(ModelFileError) -> Self {
        if let path {
            guard FileManager.default.fileExists(atPath: path) else {
                throw ModelFileError(path, "no such file (train one with: serve train \(name) --out \(path))")
            }
            return try load(path: path)
        }
        return try load(data, path: "the embedded \(name) model")
    }

    /// The deterministic JSON bytes of this artifact.
    public func encoded() throws -> Data { try ArtifactFile.encode(self) }
}
