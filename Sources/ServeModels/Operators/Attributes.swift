/// One attribute of a node, decoded from the file.
enum Attribute: Sendable {
    case int(Int)
    case float(Float)
    case string(String)
    case tensor(Tensor)
    case ints([Int])
    case floats([Float])
    case strings([String])
    case tensors([Tensor])
}

/// A node's attributes by name, with typed readers that say what is wrong with one.
struct Attributes: Sendable {
    let values: [String: Attribute]

    init(_ values: [String: Attribute] = [:]) { self.values = values }

    /// The integer attribute `name`, or nil when the node does not set it.
    func int(_ name: String) throws(OperatorError) -> Int? {
        guard let value = values[name] else { return nil }
        guard case .int(let int) = value else { throw wrongKind(name, "an integer") }
        return int
    }

    func int(_ name: String, default fallback: Int) throws(OperatorError) -> Int {
        try int(name) ?? fallback
    }

    func float(_ name: String) throws(OperatorError) -> Float? {
        guard let value = values[name] else { return nil }
        switch value {
        case .float(let float): return float
        case .int(let int): return Float(int)
        default: throw wrongKind(name, "a float")
        }
    }

    func float(_ name: String, default fallback: Float) throws(OperatorError) -> Float {
        try float(name) ?? fallback
    }

    func string(_ name: String) throws(OperatorError) -> String? {
        guard let value = values[name] else { return nil }
        guard case .string(let string) = value else { throw wrongKind(name, "a string") }
        return string
    }

    func string(_ name: String, default fallback: String) throws(OperatorError) -> String {
        try string(name) ?? fallback
    }

    func ints(_ name: String) throws(OperatorError) -> [Int]? {
        guard let value = values[name] else { return nil }
        switch value {
        case .ints(let ints): return ints
        case .int(let int): return [int]
        default: throw wrongKind(name, "a list of integers")
        }
    }

    func floats(_ name: String) throws(OperatorError) -> [Float]? {
        guard let value = values[name] else { return nil }
        switch value {
        case .floats(let floats): return floats
        case .float(let float): return [float]
        default: throw wrongKind(name, "a list of floats")
        }
    }

    func strings(_ name: String) throws(OperatorError) -> [String]? {
        guard let value = values[name] else { return nil }
        switch value {
        case .strings(let strings): return strings
        case .string(let string): return [string]
        default: throw wrongKind(name, "a list of strings")
        }
    }

    func tensor(_ name: String) throws(OperatorError) -> Tensor? {
        guard let value = values[name] else { return nil }
        guard case .tensor(let tensor) = value else { throw wrongKind(name, "a tensor") }
        return tensor
    }

    private func wrongKind(_ name: String, _ kind: String) -> OperatorError {
        OperatorError("attribute '\(name)' must be \(kind)")
    }
}
