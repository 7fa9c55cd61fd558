internal import Serve

/// Compiles a user's app against the prebuilt runtime: `ServeMacros-tool generate-app` writes the program,
/// `swiftc` compiles and links it. Builds for serving are cached; nothing is compiled when the app, the
/// runtime, the compiler and the flags are unchanged.
public struct AppBuilder {
    let runtime: Runtime

    public init() throws(AppBuildError) {
        runtime = try Runtime.locate()
    }

    /// Every build's flags: optimised, so apps are served as fast as the bundled functions; the Swift 5
    /// language mode, so a plain file's top-level state (`let model = …`) needs no concurrency annotations.
    static let compilerFlags = ["-O", "-swift-version", "5"]

    /// The binary serving `app`: from the cache when it is there, compiled now (and cached) when not.
    /// `progress` hears what is being done when it takes a while, `warnings` a new build's warnings.
    func binary(
        for app: AppSource, progress: (String) -> Void, warnings: (String) -> Void = { SystemCalls.printError($0) }
    ) throws(AppBuildError) -> String {
        let cache = AppCache()
        let sources = try AppSnapshot(app)
        let key = cacheKey(for: app, sources)
        if let binary = cache.binary(forKey: key) { return binary }
        progress("Compiling \(app.display)…")
        let folder = try cache.makeBuildFolder(forKey: key)
        do {
            try compile(app, sources, in: folder, output: folder + "/app", extraFlags: [], report: warnings)
        } catch {
            ProcessCalls.remove(folder)
            throw error
        }
        return cache.store(folder, forKey: key, app: app)
    }

    /// Compiles `app` into a standalone binary at `output`: the Swift runtime linked in statically, so it
    /// needs only the C library to run (on a VM under systemd, or in a small container).
    public func buildStandalone(_ app: AppSource, output: String) throws(AppBuildError) {
        let folder = try AppCache().makeBuildFolder(forKey: "standalone")
        defer { ProcessCalls.remove(folder) }
        // FoundationEssentials (which the runtime's dependencies import) names its own libraries inside its
        // static archive, where the linker does not look; they are named here. The binary is stripped, as for a
        // container.
        let staticFlags = ["-static-stdlib", "-l_FoundationCollections", "-l_FoundationCShims", "-Xlinker", "-s"]
        // Image decoding's C libraries from their static archives, so the binary needs no libpng or
        // libturbojpeg where it runs: links to the archives in the build folder come first in the linker's
        // search, so -lpng16 (which the runtime's objects name) finds the archive there before the shared one.
        for library in Self.imageLibraries + Self.modelLibraries {
            let archive = "lib\(library.dropFirst(2)).a"
            guard
                let path = Self.staticLibraryFolders.map({ "\($0)/\(archive)" }).first(where: {
                    ProcessCalls.status($0) != nil
                }),
                ProcessCalls.link(folder + "/" + archive, to: path)
            else {
                throw AppBuildError(
                    "Error: serve build links its C libraries statically and needs \(archive): install libpng-dev, libturbojpeg0-dev, zlib1g-dev and libopenblas-dev"
                )
            }
        }
        try compile(
            app, try AppSnapshot(app), in: folder, output: output, extraFlags: staticFlags + ["-L", folder],
            report: SystemCalls.printError)
    }

    /// What `ServeImages` links: libpng, libjpeg-turbo and zlib.
    static let imageLibraries = ["-lpng16", "-lturbojpeg", "-lz"]

    /// What `ServeModels` links, for an app that loads ONNX models: OpenBLAS.
    static let modelLibraries = ["-lopenblas"]

    /// Where Debian and others keep static libraries.
    static let staticLibraryFolders = [
        "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib",
    ]

    private func cacheKey(for app: AppSource, _ sources: AppSnapshot) -> String {
        let input = Array("serve-app 1\n\(runtime.identity)\n\(Self.compilerFlags)\n\(app.directory)\n".utf8)
        return String(SHA256.hex(input + sources.hashInput).prefix(32))
    }

    /// Compiles `app`, as `sources` holds it, into `output`; a successful build's warnings about the user's
    /// files go to `report`, at the user's lines (once: a cached build is not compiled again).
    private func compile(
        _ app: AppSource, _ sources: AppSnapshot, in folder: String, output: String, extraFlags: [String],
        report: (String) -> Void
    ) throws(AppBuildError) {
        let copies = folder + "/sources"
        try sources.write(to: copies)
        let generated = ProcessCalls.run(
            runtime.macroTool,
            ["generate-app", "--directory", copies, "--output", folder, "--source", app.display] + app.files)
        guard generated.status == 0 else {
            throw AppBuildError(String(decoding: generated.output, as: UTF8.self))
        }
        try runtime.checkCompilerVersion()
        // An app that loads ONNX models (generate-app said so) links ServeModels and OpenBLAS too.
        let models = ProcessCalls.status(folder + "/uses-models") != nil ? try runtime.modelsObject() : nil
        let arguments =
            Self.compilerFlags + extraFlags + [
                "-diagnostic-style", "llvm", "-module-name", "App", "-I", runtime.modules,
                "-load-plugin-executable", runtime.macroTool + "#ServeMacros", folder + "/main.swift",
                runtime.object, "-o", output,
            ] + Self.imageLibraries + (models.map { [$0] + Self.modelLibraries } ?? [])
        let compiled = ProcessCalls.run(runtime.swiftc, arguments)
        let columns = SystemCalls.readFile(folder + "/columns.tsv") ?? []
        let diagnostics = CompilerDiagnostics(
            columnMap: String(decoding: columns, as: UTF8.self), app: app, sourceDirectory: copies)
        let output = String(decoding: compiled.output, as: UTF8.self)
        guard compiled.status == 0 else { throw AppBuildError(diagnostics.render(output)) }
        if let warnings = diagnostics.warnings(in: output) { report(warnings) }
    }
}
