#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only hash map from byte strings to integers that looks up straight from a byte
/// buffer (no `String` or `Array` per lookup): hashing eight bytes at a time, open
/// addressing.
struct ByteTable: Sendable {
    private var blob: [UInt8] = []
    private var slots: [Int32]                 // entry number, or -1
    private var entries: [(hash: UInt64, offset: Int32, length: Int32, value: Int32)] = []
    private let mask: Int

    init(_ pairs: [([UInt8], Int)]) {
        var size = 8
        while size < pairs.count * 2 { size <<= 1 }
        mask = size - 1
        slots = Array(repeating: -1, count: size)
        for (key, value) in pairs where lookupKey(key) == nil {
            let h = key.withUnsafeBufferPointer { Self.hash($0) }
            var s = Int(truncatingIfNeeded: h) & mask
            while slots[s] >= 0 { s = (s + 1) & mask }
            slots[s] = Int32(entries.count)
            entries.append((h, Int32(blob.count), Int32(key.count), Int32(value)))
            blob += key
        }
    }

    private func lookupKey(_ key: [UInt8]) -> Int? {
        key.withUnsafeBufferPointer { lookup($0) }
    }

    /// A word at a time (little-endian), then the last bytes one by one; the high bits are
    /// folded into the low ones, which pick the slot.
    @inline(__always) static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(b.count)
        guard let base = b.baseAddress else { return h }
        let p = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= b.count {
            h = (h ^ UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self))) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 32
            i += 8
        }
        while i < b.count {
            h = (h ^ UInt64(b[i])) &* 0x0000_0100_0000_01B3
            i += 1
        }
        return h ^ (h >> 29)
    }

    /// The value stored for the bytes, if any.
    @inline(__always) func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        let h = Self.hash(key)
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = Int(slots[s])
            if e < 0 { return nil }
            let entry = entries[e]
            if entry.hash == h, Int(entry.length) == key.count {
                let equal = blob.withUnsafeBufferPointer { b in
                    UnsafeBufferPointer(rebasing: b[Int(entry.offset)..<(Int(entry.offset) + key.count)]).sameBytes(as: key)
                }
                if equal { return Int(entry.value) }
            }
            s = (s + 1) & mask
        }
    }
}
