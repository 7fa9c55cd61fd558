internal import Serve

/// The compiler's errors or warnings about an app, shown at the user's own lines and columns.
///
/// The program compiled is the app's files with additions (`@Endpoint `, …) on their own lines; line
/// numbers already are the user's (`#sourceLocation`), and the columns after an addition are shifted back
/// here. Each is printed as `path:line:column: error: message` with the user's line and a caret, and its
/// notes. Errors that only follow from the user's (in the generated `main`) are left out.
struct CompilerDiagnostics {
    /// Per file and line: the additions' columns and lengths, in the user's coordinates.
    private var additions: [String: [Int: [(column: Int, length: Int)]]] = [:]
    private let app: AppSource
    /// Where the compiled copies of the app's files are, to show their lines.
    private let sourceDirectory: String

    /// Reads the generator's `columnMap` for `app`, whose compiled files are in `sourceDirectory` (by
    /// default the app's own folder).
    init(columnMap: String, app: AppSource, sourceDirectory: String? = nil) {
        self.app = app
        self.sourceDirectory = sourceDirectory ?? app.directory
        for row in columnMap.split(separator: "\n") {
            let fields = row.split(separator: "\t")
            guard fields.count == 4, let line = Int(fields[1]), let column = Int(fields[2]), let length = Int(fields[3])
            else { continue }
            additions[String(fields[0]), default: [:]][line, default: []].append(
                (column, length))
        }
    }

    /// A failed build's errors at the user's lines; the compiler's output as it is when none is there.
    func render(_ output: String) -> String {
        let (rendered, others) = diagnostics(of: "error", in: output)
        let lines = rendered.isEmpty ? others : rendered
        return (lines.isEmpty ? [output] : lines).joined(separator: "\n")
    }

    /// A successful build's warnings about the user's files, at their lines; nil when there are none.
    func warnings(in output: String) -> String? {
        let (rendered, _) = diagnostics(of: "warning", in: output)
        return rendered.isEmpty ? nil : rendered.joined(separator: "\n")
    }

    /// The diagnostics of `kind` with their notes: those in the user's files rendered, the others as the
    /// compiler wrote them.
    private func diagnostics(of kind: String, in output: String) -> (rendered: [String], others: [String]) {
        var rendered: [String] = []
        var others: [String] = []
        var showingNotes = false
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let header = Header(line) else {
                if line.hasPrefix("\(kind):") || line.contains(": \(kind): ") { others.append(String(line)) }
                continue
            }
            if header.kind != kind && !(header.kind == "note" && showingNotes) {
                showingNotes = false
                continue
            }
            showingNotes = true
            let path = header.path
            guard app.files.contains(path) else {
                others.append("\(header.path):\(header.line):\(header.column): \(header.kind): \(header.message)")
                continue
            }
            let column = userColumn(header.column, line: header.line, in: path)
            rendered.append("\(path):\(header.line):\(column): \(header.kind): \(header.message)")
            if let text = sourceLine(header.line, of: path) {
                rendered.append(text)
                rendered.append(String(repeating: " ", count: max(0, column - 1)) + "^")
            }
        }
        return (rendered, others)
    }

    /// A column of the compiled line, moved left past the additions before it.
    private func userColumn(_ column: Int, line: Int, in path: String) -> Int {
        var shift = 0
        for addition in (additions[path]?[line] ?? []).sorted(by: { $0.column < $1.column }) {
            let start = addition.column + shift
            if column >= start + addition.length {
                shift += addition.length
            } else if column >= start {
                return addition.column
            } else {
                break
            }
        }
        return column - shift
    }

    private func sourceLine(_ number: Int, of path: String) -> String? {
        guard let bytes = SystemCalls.readFile("\(sourceDirectory)/\(path)") else { return nil }
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        return number >= 1 && number <= lines.count ? String(decoding: lines[number - 1], as: UTF8.self) : nil
    }

    /// `path:line:column: kind: message`, as `-diagnostic-style llvm` prints it.
    private struct Header {
        let path: String
        let line: Int
        let column: Int
        let kind: Substring
        let message: Substring

        init?(_ text: Substring) {
            for kind in ["error", "warning", "note"] {
                guard let range = text.firstRange(of: ": \(kind): ") else { continue }
                let location = text[..<range.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
                guard location.count >= 3, let line = Int(location[location.count - 2]),
                    let column = Int(location[location.count - 1])
                else { return nil }
                path = location.dropLast(2).joined(separator: ":")
                self.line = line
                self.column = column
                self.kind = Substring(kind)
                message = text[range.upperBound...]
                return
            }
            return nil
        }
    }
}
