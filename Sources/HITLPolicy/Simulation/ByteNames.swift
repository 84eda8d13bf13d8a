#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Names (byte strings) numbered in order of first appearance, looked up from bytes in place
/// (no allocation for a name seen before): the capabilities of one batch of log lines.
struct ByteNames {
    /// The names, by number.
    private(set) var names: [[UInt8]] = []
    /// Open addressing: a name's number, or -1.
    private var slots = [Int32](repeating: -1, count: 64)

    /// The number of the name `b`, numbered now if it is new.
    mutating func number(of b: UnsafeBufferPointer<UInt8>) -> Int32 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for c in b { h = (h ^ UInt64(c)) &* 0x100_0000_01B3 }
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h >> 17) & mask
        while true {
            let k = slots[s]
            if k < 0 { break }
            let same = names[Int(k)].withUnsafeBufferPointer { n in
                n.count == b.count && (b.count == 0 || memcmp(n.baseAddress!, b.baseAddress!, b.count) == 0)
            }
            if same { return k }
            s = (s + 1) & mask
        }
        let k = Int32(names.count)
        names.append(Array(copying: b))
        slots[s] = k
        if names.count * 2 > slots.count { rehash() }
        return k
    }

    /// Forgets every name.
    mutating func removeAll() {
        guard !names.isEmpty else { return }
        names.removeAll(keepingCapacity: true)
        for k in slots.indices { slots[k] = -1 }
    }

    private mutating func rehash() {
        var grown = [Int32](repeating: -1, count: slots.count * 2)
        let mask = grown.count - 1
        for (k, n) in names.enumerated() {
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for c in n { h = (h ^ UInt64(c)) &* 0x100_0000_01B3 }
            var s = Int(truncatingIfNeeded: h >> 17) & mask
            while grown[s] >= 0 { s = (s + 1) & mask }
            grown[s] = Int32(k)
        }
        slots = grown
    }
}

extension Array where Element == UInt8 {
    /// A copy of `b` by one `memcpy`. (Not `Array(b)`: another caller of that generic copy
    /// changes how the compiler builds `append(contentsOf:)`, which `eval` uses per action.)
    init(copying b: UnsafeBufferPointer<UInt8>) {
        self.init(unsafeUninitializedCapacity: b.count) { buffer, n in
            if let from = b.baseAddress, let to = buffer.baseAddress { memcpy(to, from, b.count) }
            n = b.count
        }
    }
}
