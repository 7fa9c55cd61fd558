// The JSON layer's entry points for typed values: reading one value among others and encoding a result.

extension JSONReader {
    /// Reads one value of type `T`, adding its problems (under `field`) to `problems` instead of throwing,
    /// so that the caller can go on and report every problem. The reader always ends after the value.
    public mutating func read<T: WireCodable>(
        _ type: T.Type,
        field: @autoclosure () -> String,
        problems: inout [Problem]
    ) -> T? {
        let range = skipValue()
        var reader = JSONReader(bytes: bytes, range: range)
        do {
            return try T(json: &reader)
        } catch {
            let field = field()
            problems += error.problems.map { $0.nested(in: field) }
            return nil
        }
    }
}

extension JSONOutput {
    /// Encodes `value`.
    public init<T: WireCodable>(_ value: T) {
        var writer = JSONWriter()
        value.writeJSON(to: &writer)
        self.init(writer)
    }
}
