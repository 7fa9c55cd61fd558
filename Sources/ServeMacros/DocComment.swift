import SwiftSyntax

/// The parts of a `///` or `/** */` doc comment that Serve publishes.
struct DocComment: Equatable {
    /// The first paragraph.
    var summary: String?
    /// The remaining prose paragraphs.
    var discussion: String?
    /// `- Parameter x:` and `- Parameters:` entries, by parameter name.
    var parameters: [String: String] = [:]
    /// The `- Returns:` text.
    var returns: String?

    /// Reads the doc comment in a declaration's leading trivia.
    init(trivia: Trivia) {
        var lines: [String] = []
        for piece in trivia {
            switch piece {
            case .docLineComment(let text):
                lines.append(String(text.dropFirst(3)))
            case .docBlockComment(let text):
                lines += text.dropFirst(3).dropLast(2).split(separator: "\n", omittingEmptySubsequences: false).map {
                    let line = $0.drop { $0 == " " || $0 == "\t" }
                    return String(line.hasPrefix("*") ? line.dropFirst() : line)
                }
            case .lineComment, .blockComment:
                lines.removeAll()  // an ordinary comment between doc comment and declaration ends it
            default:
                break
            }
        }
        self.init(lines: lines)
    }

    init(lines: [String]) {
        var prose: [[String]] = [[]]
        var section: Section = .prose
        var current: (name: String, text: [String])?
        enum Section { case prose, parameters, other }

        func finishEntry() {
            guard let entry = current else { return }
            let text = entry.text.joined(separator: " ")
            if entry.name == "Returns" { returns = text } else { parameters[entry.name] = text }
            current = nil
        }

        for rawLine in lines {
            let line = rawLine.trimmingSpaces
            let indent = rawLine.prefix { $0 == " " }.count
            if let item = line.removingPrefix("- ") ?? line.removingPrefix("* ") {
                let (key, value) = item.splittingAtColon
                let lowered = key.lowercased()
                if lowered == "parameters", value.isEmpty {
                    finishEntry()
                    section = .parameters
                    continue
                }
                if lowered.hasPrefix("parameter ") {
                    finishEntry()
                    current = (String(key.dropFirst("parameter ".count)).trimmingSpaces, [value])
                    section = .other
                    continue
                }
                if lowered == "returns" || lowered == "return" {
                    finishEntry()
                    current = ("Returns", [value])
                    section = .other
                    continue
                }
                if section == .parameters, indent > 0, !key.contains(" ") {
                    finishEntry()
                    current = (key, [value])
                    continue
                }
                if ["throws", "note", "important", "warning", "precondition", "complexity", "seealso"].contains(lowered)
                {
                    finishEntry()
                    section = .other
                    continue
                }
            }
            if current != nil, !line.isEmpty, indent > 0 || section == .other {
                current?.text.append(line)
                continue
            }
            finishEntry()
            if section == .prose || line.isEmpty && section == .other {
                section = .prose
                if line.isEmpty {
                    if !prose[prose.count - 1].isEmpty { prose.append([]) }
                } else {
                    prose[prose.count - 1].append(line)
                }
            }
        }
        finishEntry()
        let paragraphs = prose.filter { !$0.isEmpty }.map { $0.joined(separator: " ") }
        summary = paragraphs.first
        discussion = paragraphs.count > 1 ? paragraphs.dropFirst().joined(separator: "\n\n") : nil
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    func removingPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }

    /// `key: value` split at the first colon; the whole text is the key when there is none.
    var splittingAtColon: (String, String) {
        guard let colon = firstIndex(of: ":") else { return (self, "") }
        return (String(self[..<colon]).trimmingSpaces, String(self[index(after: colon)...]).trimmingSpaces)
    }
}
