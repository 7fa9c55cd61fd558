/// A model or data file that cannot be used, with the file and the problem named for the user.
public struct ModelFileError: Error, CustomStringConvertible {
    /// The file's path (or `embedded model` for the one compiled in).
    public let path: String
    /// What is wrong, as a phrase.
    public let problem: String

    /// Reports `problem` with the file at `path`.
    public init(_ path: String, _ problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }
}
