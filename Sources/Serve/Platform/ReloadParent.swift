/// How a build of a user's app that `serve app --reload` started knows its watcher: the watcher names
/// itself in `SERVE_RELOAD_PARENT`, and the child stops (draining) once that process is gone, however
/// it ended (a `kill -9`, a closed terminal), so it never keeps the port on its own.
package enum ReloadParent {
    /// The environment variable holding the watcher's process id.
    package static let variable = "SERVE_RELOAD_PARENT"

    /// The watcher's process id when this process is such a child; nil otherwise.
    package static func expected(environment: (String) -> String?) -> Int32? {
        environment(variable).flatMap { Int32($0) }
    }

    /// Whether the watcher `parent` is gone: this process has been handed to another parent.
    package static func isGone(_ parent: Int32) -> Bool {
        SystemCalls.parentProcessID != parent
    }
}
