/// Why an app could not be built or started; the description is the whole message for the user.
public struct AppBuildError: Error, CustomStringConvertible {
    public let description: String
    /// The exit status `serve` ends with: 1 for a build that failed, 2 for a command line that makes no sense.
    public let exitStatus: Int32

    init(_ description: String, exitStatus: Int32 = 1) {
        self.description = description
        self.exitStatus = exitStatus
    }
}
