internal import ArgumentParser
internal import Serve
internal import ServeHTTP

/// `serve list`: the functions a running service serves, with their parameters and documentation.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the functions a running service serves, with their parameters and documentation."
    )

    @OptionGroup var remote: RemoteOptions

    init() {}

    func run() async throws {
        let manifest: ServiceManifest
        do {
            manifest = try await remote.service.manifest()
        } catch {
            throw CommandFailure("\(error)")
        }
        for function in manifest.functions {
            print(function.signature)
            if let summary = function.doc.split(separator: "\n", omittingEmptySubsequences: true).first {
                print("    \(summary)")
            }
        }
    }
}
