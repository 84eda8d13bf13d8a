/// Decision templates by table row, stored flat: every template's bytes in one arena, its
/// parts as plain ranges and its matched rules in another arena, found through an
/// open-addressing table of plain keys. Looking up and copying a cached template touches no
/// reference counts and allocates nothing.
///
/// Bounded: when `limit` templates are stored, the cache starts over.
struct TemplateCache {
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

    /// One piece of a template: bytes copied as they are, or an action's number spliced in
    /// (`field` ≥ 0) between `before` and `after`, or `missing` when the action lacks it.
    struct Part {
        var field: Int8            // -1: bytes only (in `before`)
        var before: Range<Int32>
        var after: Range<Int32>
        var missing: Range<Int32>
    }

    struct Entry {
        var key: Key
        var firstRule: Int32
        var firstPart: Int32
        var partCount: Int32
        var verdict: Verdict
    }

    let limit: Int
    private(set) var bytes: [UInt8] = []
    private(set) var parts: [Part] = []
    private(set) var entries: [Entry] = []
    private var rules: [Int32] = []
    private var slots: [Int32]            // entry number, or -1
    private var mask: Int

    init(limit: Int) {
        self.limit = limit
        slots = Array(repeating: -1, count: 1024)
        mask = 1023
    }

    /// The entry number for a key and its matched rules, if cached.
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
        return rules.withUnsafeBufferPointer { stored in
            for k in wanted.indices where stored[first + k] != wanted[k] { return false }
            return true
        }
    }

    /// Stores a template for a key and its matched rules; returns its entry number.
    mutating func insert(_ key: Key, rules matched: UnsafeBufferPointer<Int32>, _ template: DecisionTemplate) -> Int {
        if entries.count >= limit {
            rules.removeAll(keepingCapacity: true)
            bytes.removeAll(keepingCapacity: true)
            parts.removeAll(keepingCapacity: true)
            entries.removeAll(keepingCapacity: true)
            for k in slots.indices { slots[k] = -1 }
        }
        if (entries.count + 1) * 2 > slots.count { grow() }
        let first = Int32(parts.count)
        func range(_ b: [UInt8]) -> Range<Int32> {
            let start = Int32(bytes.count)
            bytes += b
            return start..<Int32(bytes.count)
        }
        for p in template.parts {
            switch p {
            case .bytes(let b):
                parts.append(Part(field: -1, before: range(b), after: 0..<0, missing: 0..<0))
            case .value(let f, let before, let after, let missing):
                parts.append(Part(field: Int8(f.rawValue), before: range(before), after: range(after), missing: range(missing)))
            }
        }
        let firstRule = Int32(rules.count)
        rules.append(contentsOf: matched)
        let e = entries.count
        entries.append(Entry(key: key, firstRule: firstRule, firstPart: first, partCount: Int32(parts.count) - first, verdict: template.verdict))
        place(e)
        return e
    }

    private mutating func place(_ e: Int) {
        var s = entries[e].key.hash & mask
        while slots[s] >= 0 { s = (s + 1) & mask }
        slots[s] = Int32(e)
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for e in entries.indices { place(e) }
    }
}
