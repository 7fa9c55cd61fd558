/// The bytes of one JSON text in a single allocation: written by one ``JSONWriter``, which alone holds it
/// while writing, then handed unchanged to the ``JSONOutput`` it becomes, which only reads it. That one
/// owner at a time is why writes need no copy-on-write check.
final class JSONBytes: ManagedBuffer<Void, UInt8> {
    /// Room for at least `capacity` bytes.
    static func allocate(capacity: Int) -> JSONBytes {
        unsafeDowncast(create(minimumCapacity: capacity) { _ in }, to: JSONBytes.self)
    }

    /// The first byte.
    @inline(__always)
    var start: UnsafeMutablePointer<UInt8> {
        withUnsafeMutablePointerToElements { $0 }
    }

    /// Calls `body` with the first `count` bytes.
    func withUnsafeBytes<Result>(count: Int, _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: start, count: count))
    }

    /// The first `count` bytes as text.
    func text(count: Int) -> String {
        withUnsafeBytes(count: count) { String(decoding: $0, as: UTF8.self) }
    }
}
