internal import Serve

/// Where compiled apps are kept: `$SERVE_CACHE_DIR`, else `$XDG_CACHE_HOME/serve`, else `~/.cache/serve`;
/// one folder per key under `apps/`. A build is written in a folder of its own and renamed into place, so
/// a reader never sees half a binary. Building an app removes its older builds.
struct AppCache {
    let root: String

    init() {
        let environment = SystemCalls.environment
        if let directory = environment("SERVE_CACHE_DIR") {
            root = directory + "/apps"
        } else if let directory = environment("XDG_CACHE_HOME") {
            root = directory + "/serve/apps"
        } else {
            root = (environment("HOME") ?? "/tmp") + "/.cache/serve/apps"
        }
    }

    func binary(forKey key: String) -> String? {
        let path = "\(root)/\(key)/app"
        return ProcessCalls.status(path)?.isExecutable == true ? path : nil
    }

    func makeBuildFolder(forKey key: String) throws(AppBuildError) -> String {
        let folder = "\(root)/.building-\(key)-\(SystemCalls.processID)"
        ProcessCalls.remove(folder)
        guard ProcessCalls.makeDirectory(folder) else { throw AppBuildError("Error: cannot create \(folder)") }
        return folder
    }

    /// Moves a finished build folder into place and returns its binary; removes the app's older builds.
    func store(_ folder: String, forKey key: String, app: AppSource) -> String {
        let owner = "\(app.directory)/\(app.name)"
        _ = ProcessCalls.writeFile(folder + "/owner", Array(owner.utf8))
        if !ProcessCalls.rename(folder, to: "\(root)/\(key)") { ProcessCalls.remove(folder) }  // another won
        for entry in ProcessCalls.contents(of: root) where entry != key && !entry.hasPrefix(".") {
            if SystemCalls.readFile("\(root)/\(entry)/owner") == Array(owner.utf8) {
                ProcessCalls.remove("\(root)/\(entry)")
            }
        }
        return "\(root)/\(key)/app"
    }
}
