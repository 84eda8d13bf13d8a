/// Values keyed by capability prefixes: the one longest-prefix lookup (the evaluator's class
/// index, the rule index, diff's placement). A name is looked up by trying each prefix length
/// in use, longest first — one hash lookup per distinct length, straight from the name's
/// bytes — rather than by scanning every prefix. Names are compared as UTF-8 bytes (no
/// normalisation); a cut inside a character is no valid UTF-8, so it equals no prefix.
struct PrefixMap<Value: Sendable>: Sendable {
    /// Prefix bytes to an index into `values` and `keys`.
    private var table = ByteTable([])
    private var values: [Value] = []
    private var keys: [String] = []
    /// Distinct prefix lengths in UTF-8 bytes, longest first.
    private var lengths: [Int] = []

    /// A map of the given prefixes.
    init(_ values: [ByteName: Value] = [:]) {
        let sorted = values.sorted { $0.key < $1.key }
        keys = sorted.map(\.key.text)
        self.values = sorted.map(\.value)
        table = ByteTable(keys.enumerated().map { (Array($0.element.utf8), $0.offset) })
        lengths = Set(keys.map(\.utf8.count)).sorted(by: >)
    }

    /// The value stored for exactly this prefix.
    subscript(_ prefix: String) -> Value? {
        prefix.withBytes { table.lookup($0) }.map { values[$0] }
    }

    /// The prefixes stored.
    var prefixes: [String] { keys }

    /// The value of the longest stored prefix of the name `name` (UTF-8 bytes).
    @inline(__always) func longest(in name: UnsafeBufferPointer<UInt8>) -> Value? {
        for n in lengths where n <= name.count {
            if let k = table.lookup(UnsafeBufferPointer(rebasing: name[0..<n])) { return values[k] }
        }
        return nil
    }

    /// The value of the longest stored prefix of `name`.
    func longest(in name: String) -> Value? {
        name.withBytes { longest(in: $0) }
    }

    /// The values of every stored prefix of `name`, longest first.
    func all(in name: String) -> [Value] {
        name.withBytes { b in
            lengths.filter { $0 <= b.count }.compactMap { n in table.lookup(UnsafeBufferPointer(rebasing: b[0..<n])).map { values[$0] } }
        }
    }
}
