/// Rows met so far, numbered in the order they were first met, found by their key and
/// matched rules through an open-addressing table of plain keys: a lookup hashes nothing
/// but the key's own fields and touches no reference counts. What a row's number stands
/// for (a rendered template, a typed row) the owner keeps beside it, by number.
///
/// Bounded: when `limit` rows are stored, the next `insert` starts over (and says so).
struct RowIndex: ~Copyable {
    /// What identifies a row's rendering: both diagrams' outcomes (the requirement), the
    /// matched rules (the reasons: a hash and count here, the list itself beside the entry),
    /// the fields assumed, and the class's default `reversible` (shown when assumed).
    struct Key: Equatable {
        var a: Int32
        var b: Int32
        var assumed: UInt64
        var reversible: Bool
        var rules: UInt64
        var ruleCount: Int32

        var hash: Int {
            var h = UInt64(UInt32(bitPattern: a)) &* 0x9E37_79B9_7F4A_7C15
            h ^= UInt64(UInt32(bitPattern: b)) &* 0xC2B2_AE3D_27D4_EB4F
            h ^= assumed &* 0x1656_67B1_9E37_79F9
            h ^= reversible ? 0x27D4_EB2F_1656_67C5 : 0
            h ^= rules &* 0x85EB_CA77_C2B2_AE63
            return Int(truncatingIfNeeded: h ^ (h >> 29))
        }
    }

    private struct Entry {
        var key: Key
        var firstRule: Int32
    }

    let limit: Int
    // Plain buffers, not arrays: reading an array stored in a class's property retains and
    // releases it, and the evaluator reads these per action.
    private var entries = FlatBuffer<Entry>()
    private var rules = FlatBuffer<Int32>()
    private var slots: [Int32]            // entry number, or -1
    private var mask: Int

    init(limit: Int) {
        self.limit = limit
        slots = Array(repeating: -1, count: 1024)
        mask = 1023
    }

    /// How many rows are stored.
    var count: Int { entries.count }

    /// The number of the row with this key and these matched rules, if stored.
    @inline(__always) func find(_ key: Key, rules wanted: UnsafeBufferPointer<Int32>) -> Int? {
        var s = key.hash & mask
        while true {
            let e = Int(slots[s])
            if e < 0 { return nil }
            if entries[e].key == key, sameRules(e, wanted) { return e }
            s = (s + 1) & mask
        }
    }

    @inline(__always) private func sameRules(_ e: Int, _ wanted: UnsafeBufferPointer<Int32>) -> Bool {
        let first = Int(entries[e].firstRule)
        for k in wanted.indices where rules[first + k] != wanted[k] { return false }
        return true
    }

    /// Stores a row (not stored yet); returns its number, and whether every row stored
    /// before was forgotten first (the index was full), so the owner forgets them too.
    mutating func insert(_ key: Key, rules matched: UnsafeBufferPointer<Int32>) -> (number: Int, restarted: Bool) {
        let restart = entries.count >= limit
        if restart {
            rules.removeAll()
            entries.removeAll()
            for k in slots.indices { slots[k] = -1 }
        }
        if (entries.count + 1) * 2 > slots.count { grow() }
        let firstRule = Int32(rules.count)
        rules.append(contentsOf: matched)
        let e = entries.count
        entries.append(Entry(key: key, firstRule: firstRule))
        place(e)
        return (e, restart)
    }

    private mutating func place(_ e: Int) {
        var s = entries[e].key.hash & mask
        while slots[s] >= 0 { s = (s + 1) & mask }
        slots[s] = Int32(e)
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for e in 0..<entries.count { place(e) }
    }
}
