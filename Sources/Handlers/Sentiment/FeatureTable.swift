/// The model's feature weights in an open-addressing hash table keyed by UTF-8 bytes, so that scoring
/// looks up tokens and token pairs where they lie, without making a `String` for each (a dictionary of
/// strings made scoring several times slower than the HTTP work around it).
struct FeatureTable: Sendable {
    /// Every key's bytes, back to back; key `i` ends at `keyEnds[i]` and starts where key `i - 1` ends.
    private let keyBytes: [UInt8]
    private let keyEnds: [Int]
    private let weights: [Double]
    private let hashes: [UInt64]
    /// Entry index + 1 for each slot, 0 for an empty one; a power of two at most half full.
    private let slots: [Int32]

    /// A table of unique `features` and their `weights`; entry `i` is `features[i]`.
    init(features: [String], weights: [Double]) {
        var keyBytes: [UInt8] = []
        var keyEnds: [Int] = []
        keyBytes.reserveCapacity(features.count * 12)
        keyEnds.reserveCapacity(features.count)
        for key in features {
            keyBytes += key.utf8
            keyEnds.append(keyBytes.count)
        }
        var capacity = 16
        while capacity < 2 * weights.count { capacity *= 2 }
        var slots = [Int32](repeating: 0, count: capacity)
        var hashes: [UInt64] = []
        hashes.reserveCapacity(weights.count)
        var start = 0
        for (entry, end) in keyEnds.enumerated() {
            let hash = Self.hash(keyBytes[start..<end])
            hashes.append(hash)
            var slot = Self.slot(of: hash, capacity: capacity)
            while slots[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Int32(entry + 1)
            start = end
        }
        self.keyBytes = keyBytes
        self.keyEnds = keyEnds
        self.weights = weights
        self.hashes = hashes
        self.slots = slots
    }

    /// The entry whose key is `token`.
    func entry(_ token: ArraySlice<UInt8>) -> Int? {
        find(hash: Self.hash(token)) { self.key($0).elementsEqual(token) }
    }

    /// The entry whose key is `first`, a space, then `second`: a token pair.
    func entry(_ first: ArraySlice<UInt8>, _ second: ArraySlice<UInt8>) -> Int? {
        let hash = Self.hash(
            second, continuing: Self.hash(CollectionOfOne(UInt8(ascii: " ")), continuing: Self.hash(first)))
        return find(hash: hash) { entry in
            let key = self.key(entry)
            guard key.count == first.count + 1 + second.count else { return false }
            let split = key.startIndex + first.count
            return key[..<split].elementsEqual(first) && key[split] == UInt8(ascii: " ")
                && key[(split + 1)...].elementsEqual(second)
        }
    }

    /// The weight of an entry.
    func weight(_ entry: Int) -> Double { weights[entry] }

    /// The key of an entry, as text.
    func feature(_ entry: Int) -> String { String(decoding: key(entry), as: UTF8.self) }

    private func key(_ entry: Int) -> ArraySlice<UInt8> {
        keyBytes[(entry == 0 ? 0 : keyEnds[entry - 1])..<keyEnds[entry]]
    }

    private func find(hash: UInt64, matches: (Int) -> Bool) -> Int? {
        var slot = Self.slot(of: hash, capacity: slots.count)
        while slots[slot] != 0 {
            let entry = Int(slots[slot]) - 1
            if hashes[entry] == hash, matches(entry) { return entry }
            slot = (slot + 1) & (slots.count - 1)
        }
        return nil
    }

    /// Where probing for `hash` starts; the high half is folded in because FNV's low bits vary little.
    private static func slot(of hash: UInt64, capacity: Int) -> Int {
        Int(truncatingIfNeeded: hash ^ (hash >> 32)) & (capacity - 1)
    }

    /// 64-bit FNV-1a, which can go on from an earlier hash: a pair's hash is its first token's, continued.
    private static func hash(_ bytes: some Sequence<UInt8>, continuing hash: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = hash
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
