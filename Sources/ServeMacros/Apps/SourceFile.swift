import SwiftParser
import SwiftSyntax

/// One Swift file of an app, parsed.
struct SourceFile {
    /// The path as the user sees it (relative to the folder `serve` runs in): what diagnostics name.
    let path: String
    let bytes: [UInt8]
    let tree: SourceFileSyntax
    let locations: SourceLocationConverter

    init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        tree = bytes.withUnsafeBufferPointer { Parser.parse(source: $0) }
        locations = SourceLocationConverter(fileName: path, tree: tree)
    }

    /// `path:line:column` of a node's first token (after its leading trivia).
    func location(of node: some SyntaxProtocol) -> (line: Int, column: Int) {
        let location = locations.location(for: node.positionAfterSkippingLeadingTrivia)
        return (location.line, location.column)
    }
}

/// A problem found before compiling, reported as the compiler would: `path:line:column: error: message`.
struct AppError: Error {
    let path: String
    let line: Int
    let column: Int
    let message: String

    init(_ message: String, at node: some SyntaxProtocol, in file: SourceFile) {
        (line, column) = file.location(of: node)
        path = file.path
        self.message = message
    }

    var description: String { "\(path):\(line):\(column): error: \(message)" }
}
