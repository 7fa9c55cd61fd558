internal import Serve

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reading and writing model artifacts, reports and data files with the types' own `@Schema` (one
/// serialiser both ways): JSON in declaration order, so the same model always gives the same bytes, and
/// errors that name the file.
enum ArtifactFile {
    /// The deterministic JSON of an artifact or report: what its `@Schema` writes, indented for people
    /// and diffs, newline-terminated.
    static func encode(_ value: some WireCodable) throws -> Data {
        // Read back as a document, the writer's output keeps its members' order and numbers when indented.
        let document = try JSONValue(parsing: JSONOutput(value).text)
        return Data((document.prettyText + "\n").utf8)
    }

    /// Decodes a JSON document with Serve's own strict reader, naming `path` in any error. It is several
    /// times faster than `JSONDecoder` on the sentiment model's 33,000 weights, which were most of `serve`'s
    /// start-up.
    static func decode<T: WireCodable>(_ type: T.Type, from data: Data, path: String) throws(ModelFileError)
        -> T
    {
        do {
            return try T(jsonDocument: [UInt8](data))
        } catch {
            switch error {
            case .malformed(let message):
                throw ModelFileError(path, "not valid JSON (\(message))")
            case .mismatch(let problems):
                let phrases = problems.map { problem in
                    problem.got == "nothing"
                        ? "missing '\(problem.field)'"
                        : "'\(problem.field)' should be \(problem.expected), got \(problem.got)"
                }
                throw ModelFileError(path, phrases.joined(separator: "; "))
            }
        }
    }

    /// The contents of the file at `path`.
    static func read(_ path: String) throws(ModelFileError) -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelFileError(path, "no such file, or it cannot be read")
        }
        return data
    }

    /// Writes `data` to `path`, creating its folder.
    static func write(_ data: Data, to path: String) throws(ModelFileError) {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        } catch {
            throw ModelFileError(path, "cannot be written (\(error))")
        }
    }
}
