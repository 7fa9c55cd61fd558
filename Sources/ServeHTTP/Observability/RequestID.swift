internal import Synchronization

/// The id of one request, for its access-log line and its `X-Request-ID` response header. A client's own
/// `X-Request-ID` is kept when it is sane (1 to 128 visible ASCII characters); otherwise one is made.
package enum RequestID {
    private static let counter = Atomic<UInt64>(0)
    /// Differs per process, so ids from restarted or parallel instances do not collide.
    private static let prefix = UInt32.random(in: 0..<(1 << 24))

    /// The client's id when it is acceptable, else a new one.
    package static func id(from header: String?) -> String {
        if let header, isAcceptable(header) { return header }
        return make()
    }

    /// Whether a client-sent id may be echoed in a header and a log line.
    static func isAcceptable(_ id: String) -> Bool {
        let utf8 = id.utf8
        return !utf8.isEmpty && utf8.count <= 128 && utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }

    /// A new id: 6 hex digits of process prefix and 8 of sequence number, `3f9a0c-0000002a`. Fifteen
    /// characters fit in a Swift string without a heap allocation.
    static func make() -> String {
        let sequence = UInt64(truncatingIfNeeded: counter.add(1, ordering: .relaxed).newValue)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 15) { bytes in
            func hex(_ value: UInt64, digits: Int, at offset: Int) {
                var value = value
                for index in stride(from: offset + digits - 1, through: offset, by: -1) {
                    let nibble = UInt8(value & 0xF)
                    bytes[index] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
                    value >>= 4
                }
            }
            hex(UInt64(prefix), digits: 6, at: 0)
            bytes[6] = UInt8(ascii: "-")
            hex(sequence, digits: 8, at: 7)
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
