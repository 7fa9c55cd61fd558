extension JSONValue {
    /// The JSON text indented by two spaces per level, for people: what `serve call` prints.
    public var prettyText: String {
        var lines = ""
        writePretty(into: &lines, indent: "")
        return lines
    }

    private func writePretty(into text: inout String, indent: String) {
        let inner = indent + "  "
        switch self {
        case .array(let elements) where !elements.isEmpty:
            text += "[\n"
            for (index, element) in elements.enumerated() {
                text += inner
                element.writePretty(into: &text, indent: inner)
                text += index < elements.count - 1 ? ",\n" : "\n"
            }
            text += indent + "]"
        case .object(let members) where !members.isEmpty:
            text += "{\n"
            for (index, member) in members.enumerated() {
                text += inner + JSONValue.string(member.key).text + ": "
                member.value.writePretty(into: &text, indent: inner)
                text += index < members.count - 1 ? ",\n" : "\n"
            }
            text += indent + "}"
        default:
            text += self.text
        }
    }
}
