#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `ServeMacros-tool generate-app --directory APP_FOLDER --output DIR --source DISPLAY FILE...`: what `serve` runs to turn an app's
/// files into a program.
///
/// Writes `DIR/main.swift` (the program), `DIR/columns.tsv` (the columns it shifted) and, for an app that
/// loads ONNX models, an empty `DIR/uses-models` (link ServeModels too), and prints the
/// served functions' names. FILE paths are relative to APP_FOLDER, and the program names them so. Exits 1 after printing the problems it found as `path:line:column: error: …`.
/// It lives in the macro plug-in's executable because that already links the Swift parser.
enum GenerateAppCommand {
    static func main(_ arguments: [String]) -> Never {
        var arguments = arguments
        var output: String?
        var source: String?
        var directory = "."
        var paths: [String] = []
        while !arguments.isEmpty {
            let argument = arguments.removeFirst()
            switch argument {
            case "--output" where !arguments.isEmpty: output = arguments.removeFirst()
            case "--source" where !arguments.isEmpty: source = arguments.removeFirst()
            case "--directory" where !arguments.isEmpty: directory = arguments.removeFirst()
            default: paths.append(argument)
            }
        }
        guard let output, let source, !paths.isEmpty else {
            fail("usage: generate-app [--directory APP_FOLDER] --output DIR --source DISPLAY FILE...", status: 2)
        }
        let files = paths.map { path in
            guard let bytes = readFile(directory + "/" + path) else { fail("Error: cannot read \(path)", status: 1) }
            return SourceFile(path: path, bytes: bytes)
        }
        do {
            let program = try AppProgram(files: files)
            if program.served.isEmpty {
                fail(
                    "Error: \(source) has no function to serve: write a top-level `func` that is not private", status: 1
                )
            }
            write(program.mainSource(source: source), to: output + "/main.swift")
            write(program.columnMap, to: output + "/columns.tsv")
            if program.usesModels { write("", to: output + "/uses-models") }
            print(program.served.joined(separator: "\n"))
            exit(0)
        } catch {
            fail(error.description, status: 1)
        }
    }

    private static func fail(_ message: String, status: Int32) -> Never {
        let line = Array((message + "\n").utf8)
        #if canImport(Glibc)
            _ = line.withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
        #elseif canImport(Musl)
            _ = line.withUnsafeBytes { Musl.write(2, $0.baseAddress, $0.count) }
        #else
            _ = line.withUnsafeBytes { Darwin.write(2, $0.baseAddress, $0.count) }
        #endif
        exit(status)
    }

    private static func readFile(_ path: String) -> [UInt8]? {
        guard let handle = fopen(path, "rb") else { return nil }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&chunk, 1, chunk.count, handle)
            if count == 0 { break }
            bytes += chunk[..<count]
        }
        return bytes
    }

    private static func write(_ text: String, to path: String) {
        guard let handle = fopen(path, "wb") else { fail("Error: cannot write \(path)", status: 2) }
        fputs(text, handle)
        fclose(handle)
    }
}
