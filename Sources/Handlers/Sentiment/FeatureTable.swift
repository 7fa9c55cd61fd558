/// The model's feature weights in an open-addressing hash table keyed by UTF-8 bytes, so that scoring
/// looks up tokens and token pairs where they lie, without making a `String` for each (a dictionary of
/// strings made scoring several times slower than the HTTP work around it).
///
/// Laid out for the cache: a slot holds part of a key's hash, its weight and its entry in 16 bytes, aligned
/// so that four share a cache line, and a miss reads one line. A hit reads two more: where the key's bytes
/// are, and the bytes. (With hashes, weights and key offsets in arrays of their own, a hit read five, and
/// between requests the kernel's network work evicts them all; 32-byte slots that held the key's place too
/// cost 2.9 MiB of RSS and 3.5 ms of start-up for one line fewer.) Written once, in `init`; only read after.
final class FeatureTable: @unchecked Sendable {
    /// A feature that a text has and the model knows.
    struct Match {
        /// Its position in the model's features, which are in ascending order.
        let entry: Int32
        /// Its weight.
        let weight: Double
    }

    private struct Slot {
        var weight = 0.0
        /// The hash's low half; its high bits choose the slot.
        var hashLow: UInt32 = 0
        /// The feature's position in the model's features; -1 in an empty slot.
        var entry: Int32 = -1
    }

    private let slots: UnsafeMutablePointer<Slot>
    /// How far a hash is shifted right to give a slot: the table has `1 << (64 - shift)` slots.
    private let shift: UInt64
    /// Key `i`'s bytes are `keyBytes[keyStarts[i]..<keyStarts[i + 1]]`.
    private let keyStarts: UnsafeMutablePointer<UInt32>
    private let keyBytes: UnsafeMutablePointer<UInt8>

    /// A table of unique `features` and their `weights`; entry `i` is `features[i]`.
    init(features: [String], weights: [Double]) {
        var bits: UInt64 = 4
        while 1 << bits < 2 * features.count { bits += 1 }  // at most half full
        let capacity = 1 << bits
        shift = 64 - bits
        slots = UnsafeMutableRawPointer.allocate(byteCount: capacity * MemoryLayout<Slot>.stride, alignment: 64)
            .bindMemory(to: Slot.self, capacity: capacity)
        slots.initialize(repeating: Slot(), count: capacity)
        keyStarts = .allocate(capacity: features.count + 1)
        keyBytes = .allocate(capacity: max(features.reduce(0) { $0 + $1.utf8.count }, 1))
        var keyStart = 0
        for (entry, feature) in features.enumerated() {
            keyStarts[entry] = UInt32(keyStart)
            var feature = feature
            let keyCount = feature.withUTF8 { key in
                UnsafeMutableBufferPointer(start: keyBytes + keyStart, count: key.count).initialize(fromContentsOf: key)
            }
            let hash = Self.hash(key: UnsafeBufferPointer(start: keyBytes + keyStart, count: keyCount))
            var slot = Int(hash >> shift)
            while slots[slot].entry >= 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Slot(weight: weights[entry], hashLow: UInt32(truncatingIfNeeded: hash), entry: Int32(entry))
            keyStart += keyCount
        }
        keyStarts[features.count] = UInt32(keyStart)
    }

    deinit {
        slots.deallocate()
        keyStarts.deallocate()
        keyBytes.deallocate()
    }

    /// The feature `token`, whose hash by ``hash(_:)`` is `hash`.
    func match(_ token: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Match? {
        find(hash: hash) { key in Self.equal(key, token) }
    }

    /// The feature `first`, a space, then `second`: a token pair, whose hash by ``hash(pair:_:)`` is `hash`.
    func match(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Match? {
        find(hash: hash) { key in
            key.count == first.count + 1 + second.count && key[first.count] == UInt8(ascii: " ")
                && Self.equal(UnsafeBufferPointer(rebasing: key[..<first.count]), first)
                && Self.equal(UnsafeBufferPointer(rebasing: key[(first.count + 1)...]), second)
        }
    }

    /// The feature's text.
    func feature(_ match: Match) -> String {
        String(decoding: key(match.entry), as: UTF8.self)
    }

    /// The hash of a token: eight bytes at a time, each step a multiply and a shift that spread every bit.
    static func hash(_ token: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let bytes = UnsafeRawBufferPointer(token)
        var hash = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var index = 0
        while index + 8 <= bytes.count {
            hash = mix(hash ^ bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            index += 8
        }
        var tail: UInt64 = 0
        while index < bytes.count {
            tail = tail << 8 | UInt64(bytes[index])
            index += 1
        }
        return mix(hash ^ tail)
    }

    /// The hash of a token pair, from its tokens' hashes: a text's tokens are hashed once, not once more
    /// in each pair.
    static func hash(pair first: UInt64, _ second: UInt64) -> UInt64 {
        mix(first &* 0x94D0_49BB_1331_11EB ^ second)
    }

    /// A key's hash as lookups make it: a pair's (tokens never hold a space) from its two tokens'.
    private static func hash(key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let space = key.firstIndex(of: UInt8(ascii: " ")) else { return hash(key) }
        return hash(
            pair: hash(UnsafeBufferPointer(rebasing: key[..<space])),
            hash(UnsafeBufferPointer(rebasing: key[(space + 1)...])))
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        let product = value &* 0xBF58_476D_1CE4_E5B9
        return product ^ product >> 31
    }

    private func find(hash: UInt64, matches: (UnsafeBufferPointer<UInt8>) -> Bool) -> Match? {
        let mask = (1 << (64 - shift)) - 1
        let hashLow = UInt32(truncatingIfNeeded: hash)
        var index = Int(hash >> shift)
        while slots[index].entry >= 0 {
            let slot = slots[index]
            if slot.hashLow == hashLow, matches(key(slot.entry)) {
                return Match(entry: slot.entry, weight: slot.weight)
            }
            index = (index + 1) & mask
        }
        return nil
    }

    private func key(_ entry: Int32) -> UnsafeBufferPointer<UInt8> {
        let start = Int(keyStarts[Int(entry)])
        return UnsafeBufferPointer(start: keyBytes + start, count: Int(keyStarts[Int(entry) + 1]) - start)
    }

    private static func equal(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>) -> Bool {
        first.count == second.count && first.elementsEqual(second)
    }
}
