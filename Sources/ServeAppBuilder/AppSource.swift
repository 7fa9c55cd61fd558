/// The Swift files of a user's app: `NAME.swift`, or the `.swift` files of a folder `NAME/`, in the folder
/// `serve` runs in.
public struct AppSource: Sendable {
    /// The name the user typed (`app` in `serve app.predict`).
    let name: String
    /// The folder the app's paths are relative to (absolute).
    let directory: String
    /// The files, relative to ``directory`` (`app.swift`, or `app/model.swift` …), sorted.
    let files: [String]

    /// What the start-up line says the functions came from: `./app.swift` or `./app/`.
    public var display: String { files == [name + ".swift"] ? "./\(name).swift" : "./\(name)/" }

    /// The app called `name` in the current folder, or nil when there is none.
    public static func find(_ name: String) -> AppSource? {
        find(name, in: ProcessCalls.currentDirectory())
    }

    /// The app called `name` in `directory`, or nil when there is neither `name.swift` nor a folder `name/`
    /// holding Swift files.
    static func find(_ name: String, in directory: String) -> AppSource? {
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else { return nil }
        if ProcessCalls.status("\(directory)/\(name).swift")?.isDirectory == false {
            return AppSource(name: name, directory: directory, files: [name + ".swift"])
        }
        guard ProcessCalls.status("\(directory)/\(name)")?.isDirectory == true else { return nil }
        let files = ProcessCalls.contents(of: "\(directory)/\(name)").filter { $0.hasSuffix(".swift") }
        return files.isEmpty ? nil : AppSource(name: name, directory: directory, files: files.map { "\(name)/\($0)" })
    }

    /// Each file with its size and modification time: what `--reload` compares to see an edit.
    var fingerprint: [String] {
        files.map { file in
            let status = ProcessCalls.status("\(directory)/\(file)")
            return "\(file) \(status?.size ?? -1) \(status?.modified ?? -1)"
        }
    }
}
