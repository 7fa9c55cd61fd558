internal import Serve

/// The prebuilt parts a user's app is compiled against, found beside the `serve` executable (SwiftPM's
/// build folder, or where `scripts/install --copy` and the SDK image put them): the `Serve` and `ServeApp`
/// modules, `ServeAppRuntime.o` with everything they link, `ServeModelsRuntime.o` with what the `ServeModels`
/// module adds for apps that load ONNX models, and the macro plug-in's executable, which also
/// writes the app's program. Plus a Swift compiler on PATH (or `SERVE_SWIFTC`).
///
/// `ServeAppRuntime.o` is the `ServeAppRuntime` product's objects linked into one relocatable object
/// (`ld -r`), made here in SwiftPM's build folder when it is missing or older than the product. Linking the
/// product's archive whole instead gave release binaries that crashed in NIO (a null witness table), where
/// the same objects linked as objects work, as SwiftPM links `serve` itself.
struct Runtime {
    let directory: String
    let swiftc: String

    var modules: String { directory + "/Modules" }
    var object: String { directory + "/ServeAppRuntime.o" }
    /// ServeModels and what it links beyond `object` (swift-protobuf), for apps that load ONNX models.
    var modelsPath: String { directory + "/ServeModelsRuntime.o" }
    var macroTool: String { directory + "/ServeMacros-tool" }

    static func locate() throws(AppBuildError) -> Runtime {
        guard let executable = ProcessCalls.resolvedPath("/proc/self/exe") else {
            throw AppBuildError("Error: cannot find the serve executable's folder")
        }
        let directory = String(executable[..<(executable.lastIndex(of: "/") ?? executable.endIndex)])
        try linkRuntimeObjects(in: directory)
        let missing = [
            directory + "/Modules/ServeApp.swiftmodule", directory + "/ServeAppRuntime.o",
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

    /// The models' object, for an app that loads ONNX models; throws when this runtime was installed without.
    func modelsObject() throws(AppBuildError) -> String {
        guard ProcessCalls.status(modelsPath) != nil else {
            throw AppBuildError(
                "Error: this app loads ONNX models, and \(modelsPath) is missing. Run scripts/install in the Serve repository once."
            )
        }
        return modelsPath
    }

    /// In SwiftPM's build folder: links `ServeAppRuntime.o` and `ServeModelsRuntime.o` from their products'
    /// objects when a product is newer (once per build of the runtime; a fraction of a second each). The
    /// models' object leaves out what the app runtime already holds (Serve's own objects).
    private static func linkRuntimeObjects(in directory: String) throws(AppBuildError) {
        let appObjects = directory + "/ServeAppRuntime.product/Objects.LinkFileList"
        try linkObject(directory + "/ServeAppRuntime.o", product: "ServeAppRuntime", in: directory) { appObjects }
        try linkObject(directory + "/ServeModelsRuntime.o", product: "ServeModelsRuntime", in: directory) {
            () throws(AppBuildError) -> String in
            let inApp = Set(Self.lines(appObjects))
            let list = directory + "/ServeModelsRuntime.product/Objects.only"
            let only = Self.lines(directory + "/ServeModelsRuntime.product/Objects.LinkFileList").filter {
                !inApp.contains($0)
            }
            guard SystemCalls.writeFile(list, Array((only.joined(separator: "\n") + "\n").utf8)) else {
                throw AppBuildError("Error: cannot write \(list)")
            }
            return list
        }
    }

    private static func lines(_ path: String) -> [String] {
        String(decoding: SystemCalls.readFile(path) ?? [], as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Links `object` from the objects the list `objects` names, when `product`'s archive is newer.
    private static func linkObject(
        _ object: String, product: String, in directory: String, objects: () throws(AppBuildError) -> String
    ) throws(AppBuildError) {
        guard let archive = ProcessCalls.status(directory + "/lib\(product).a"),
            ProcessCalls.status(directory + "/\(product).product/Objects.LinkFileList") != nil,
            (ProcessCalls.status(object)?.modified ?? -1) < archive.modified
        else { return }
        let list = try objects()
        let partial = object + ".\(SystemCalls.processID)"
        let linked = ProcessCalls.run("/usr/bin/env", ["ld", "-r", "-o", partial, "@" + list])
        guard linked.status == 0, ProcessCalls.rename(partial, to: object) else {
            ProcessCalls.remove(partial)
            throw AppBuildError("Error: cannot link \(object): \(String(decoding: linked.output, as: UTF8.self))")
        }
    }

    private static func findCompiler() -> String? {
        if let path = SystemCalls.environment("SERVE_SWIFTC") { return path }
        let folders = (SystemCalls.environment("PATH") ?? "/usr/bin:/bin").split(separator: ":")
        return folders.map { "\($0)/swiftc" }.first { ProcessCalls.status($0)?.isExecutable == true }
    }

    /// What identifies this runtime and compiler for the build cache, without running anything: the size
    /// and modification time of the runtime object, the plug-in and the compiler's real executable.
    var identity: String {
        [object, modelsPath, macroTool, ProcessCalls.resolvedPath(swiftc) ?? swiftc].map { path in
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
