/// Decision templates by table row, stored flat: every template's bytes in one arena and
/// its parts as plain ranges, by row number (`RowIndex`). Looking up and copying a cached
/// template touches no reference counts and allocates nothing.
///
/// Bounded: when `limit` templates are stored, the cache starts over.
struct TemplateCache: ~Copyable {
    typealias Key = RowIndex.Key

    /// One piece of a template: bytes copied as they are, or an action's number spliced in
    /// (`field` ≥ 0) between `before` and `after`, or `missing` when the action lacks it.
    struct Part {
        var field: Int8            // -1: bytes only (in `before`)
        var before: Range<Int32>
        var after: Range<Int32>
        var missing: Range<Int32>
    }

    /// A template: its parts and its verdict.
    struct Entry {
        var firstPart: Int32
        var partCount: Int32
        var verdict: Verdict
    }

    private var index: RowIndex
    private(set) var bytes = FlatBuffer<UInt8>()
    private(set) var parts = FlatBuffer<Part>()
    /// By row number.
    private(set) var entries = FlatBuffer<Entry>()

    init(limit: Int) {
        index = RowIndex(limit: limit)
    }

    /// The entry number for a key and its matched rules, if cached.
    @inline(__always) func find(_ key: Key, rules wanted: UnsafeBufferPointer<Int32>) -> Int? {
        index.find(key, rules: wanted)
    }

    /// Stores a template for a key and its matched rules; returns its entry number.
    mutating func insert(_ key: Key, rules matched: UnsafeBufferPointer<Int32>, _ template: DecisionTemplate) -> Int {
        let (e, restarted) = index.insert(key, rules: matched)
        if restarted {
            bytes.removeAll()
            parts.removeAll()
            entries.removeAll()
        }
        let first = Int32(parts.count)
        func range(_ b: [UInt8]) -> Range<Int32> {
            let start = Int32(bytes.count)
            b.withUnsafeBufferPointer { bytes.append(contentsOf: $0) }
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
        entries.append(Entry(firstPart: first, partCount: Int32(parts.count) - first, verdict: template.verdict))
        return e
    }
}
