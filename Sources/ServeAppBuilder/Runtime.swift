internal import Serve

/// The prebuilt parts a user's app is compiled against, found beside the `serve` executable (SwiftPM's
/// build folder, or where `scripts/install` and the SDK image put them): the `Serve` and `ServeApp`
/// modules, the runtime archive with everything they link, and the macro plug-in's executable, which also
/// writes the app's program. Plus a Swift compiler on PATH (or `SERVE_SWIFTC`).
struct Runtime {
    let directory: String
    let swiftc: String

    var modules: String { directory + "/Modules" }
    var archive: String { directory + "/libServeAppRuntime.a" }
    var macroTool: String { directory + "/ServeMacros-tool" }

    static func locate() throws(AppBuildError) -> Runtime {
        guard let executable = ProcessCalls.resolvedPath("/proc/self/exe") else {
            throw AppBuildError("Error: cannot find the serve executable's folder")
        }
        let directory = String(executable[..<(executable.lastIndex(of: "/") ?? executable.endIndex)])
        let missing = [
            directory + "/Modules/ServeApp.swiftmodule", directory + "/libServeAppRuntime.a",
            directory + "/ServeMacros-tool",
        ].filter { ProcessCalls.status($0) == nil }
        if !missing.isEmpty {
            throw AppBuildError(
                """
                Error: serving your own Swift files needs the Serve runtime next to this serve binary, and \
                \(missing.joined(separator: ", ")) is missing. Run scripts/install in the Serve repository once.
                """)
        }
        guard let swiftc = findCompiler() else {
            throw AppBuildError(
                """
                Error: serving your own Swift files needs the Swift compiler (swiftc), and it is not on PATH \
                (or set SERVE_SWIFTC). On a machine without Swift, build the app where Swift is \
                (serve build app -o app) and copy the binary: it needs nothing else.
                """)
        }
        return Runtime(directory: directory, swiftc: swiftc)
    }

    private static func findCompiler() -> String? {
        if let path = SystemCalls.environment("SERVE_SWIFTC") { return path }
        let folders = (SystemCalls.environment("PATH") ?? "/usr/bin:/bin").split(separator: ":")
        return folders.map { "\($0)/swiftc" }.first { ProcessCalls.status($0)?.isExecutable == true }
    }

    /// What identifies this runtime and compiler for the build cache, without running anything: the size
    /// and modification time of the archive, the plug-in and the compiler's real executable.
    var identity: String {
        [archive, macroTool, ProcessCalls.resolvedPath(swiftc) ?? swiftc].map { path in
            let status = ProcessCalls.status(path)
            return "\(path) \(status?.size ?? -1) \(status?.modified ?? -1)"
        }.joined(separator: "\n")
    }

    /// Checks, before compiling, that the compiler is the one the runtime was built with (a module built by
    /// one Swift version cannot be imported by another).
    func checkCompilerVersion() throws(AppBuildError) {
        let recorded = ProcessCalls.contents(of: directory).first { $0.hasPrefix("swift-version-") }
            .flatMap { SystemCalls.readFile(directory + "/" + $0) }
            .map { String(decoding: $0, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "" }
        let (status, output) = ProcessCalls.run(swiftc, ["--version"])
        let current = String(decoding: output, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        guard status == 0 else { throw AppBuildError("Error: \(swiftc) --version failed: \(current)") }
        if let recorded, recorded != current {
            throw AppBuildError(
                """
                Error: the Serve runtime was built with \(recorded), but \(swiftc) is \(current). Run \
                scripts/install again to rebuild the runtime with this compiler.
                """)
        }
    }
}
