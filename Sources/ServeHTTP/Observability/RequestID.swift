internal import Synchronization

/// The id of one request, for its access-log line and its `X-Request-ID` response header. A client's own
/// `X-Request-ID` is kept when it is sane (1 to 128 visible ASCII characters); otherwise one is made.
enum RequestID {
    private static let counter = Atomic<UInt64>(0)
    /// Differs per process, so ids from restarted or parallel instances do not collide.
    private static let prefix = UInt32.random(in: .min ... .max)

    /// The client's id when it is acceptable, else a new one.
    static func id(from header: String?) -> String {
        if let header, isAcceptable(header) { return header }
        return make()
    }

    /// Whether a client-sent id may be echoed in a header and a log line.
    static func isAcceptable(_ id: String) -> Bool {
        let utf8 = id.utf8
        return !utf8.isEmpty && utf8.count <= 128 && utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }

    /// A new id: 8 hex digits of process prefix and 12 of sequence number, `3f9a0c1e-00000000002a`.
    static func make() -> String {
        let sequence = counter.add(1, ordering: .relaxed).newValue
        var bytes = [UInt8](repeating: UInt8(ascii: "-"), count: 21)
        func hex(_ value: UInt64, digits: Int, at offset: Int) {
            var value = value
            for index in stride(from: offset + digits - 1, through: offset, by: -1) {
                let nibble = UInt8(value & 0xF)
                bytes[index] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
                value >>= 4
            }
        }
        hex(UInt64(prefix), digits: 8, at: 0)
        hex(sequence, digits: 12, at: 9)
        return String(decoding: bytes, as: UTF8.self)
    }
}
