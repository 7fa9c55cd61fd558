internal import Serve

/// An app's files as read once, before a build: what the build cache's key hashes and what is compiled
/// (from a copy in the build folder), so a save during a build cannot store the newer files' build under
/// the older files' key, or the reverse.
struct AppSnapshot {
    /// Each file's path (relative to the app's folder) and content, in the app's order.
    let files: [(path: String, bytes: [UInt8])]

    /// Reads the app's files now.
    init(_ app: AppSource) throws(AppBuildError) {
        var files: [(path: String, bytes: [UInt8])] = []
        for path in app.files {
            guard let bytes = SystemCalls.readFile("\(app.directory)/\(path)") else {
                throw AppBuildError("Error: cannot read \(app.directory)/\(path)")
            }
            files.append((path, bytes))
        }
        self.files = files
    }

    /// The files' names and contents, for the cache key.
    var hashInput: [UInt8] {
        var input: [UInt8] = []
        for file in files {
            input += Array("\(file.path)\n".utf8)
            input += file.bytes
            input.append(0)
        }
        return input
    }

    /// Writes the files under `folder`, at their relative paths.
    func write(to folder: String) throws(AppBuildError) {
        for file in files {
            let path = "\(folder)/\(file.path)"
            let parent = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
            guard ProcessCalls.makeDirectory(parent), ProcessCalls.writeFile(path, file.bytes) else {
                throw AppBuildError("Error: cannot write \(path)")
            }
        }
    }
}
