internal import ArgumentParser
internal import ServeAppBuilder

/// `serve build APP -o NAME`: a standalone binary of a user's app.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Compile your app (APP.swift or the folder APP/) into one standalone, optimised binary.",
        discussion: """
            The binary is the whole service: every serve flag (NAME --bind :80), NAME list, NAME call and \
            NAME healthcheck. The Swift runtime is linked in, so it needs only the C library: copy it to a VM \
            (a systemd unit) or into a small container image (see Examples/hello/Dockerfile).
            """
    )

    @Argument(help: "The app: APP.swift or a folder APP/ of Swift files, in the current folder.")
    var app: String

    @Option(name: [.short, .customLong("output")], help: "The binary to write (default: APP).")
    var output: String?

    func run() throws {
        let name = app.hasSuffix(".swift") ? String(app.dropLast(6)) : app
        guard let source = AppSource.find(name) else {
            throw ValidationError("There is no \(name).swift nor a folder \(name)/ of Swift files here.")
        }
        do {
            try AppBuilder().buildStandalone(source, output: output ?? name)
        } catch {
            throw CommandFailure(error.description)
        }
        let path = output ?? name
        print("Wrote \(path): run it as \(path.contains("/") ? path : "./" + path) --bind :80")
    }
}
