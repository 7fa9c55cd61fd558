/// The names that arguments (or a struct's fields) are matched to, in declaration order, with what
/// matching JSON keys to them needs to know worked out once, where they are declared, not per request.
package struct DeclaredNames: Sendable, ExpressibleByArrayLiteral {
    /// The names, in declaration order.
    package let all: [String]
    /// Whether JSON writes every name without escapes (no `"` or `\`), so that a key can be matched to one
    /// in place (``JSONReader/nextKey(is:)``).
    package let arePlain: Bool

    package init(_ names: [String]) {
        all = names
        arePlain = names.allSatisfy { !$0.utf8.contains { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") } }
    }

    package init(arrayLiteral names: String...) { self.init(names) }
}
