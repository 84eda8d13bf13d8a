/// Values keyed by capability prefixes, found for a name by trying each prefix length in
/// use (one dictionary lookup per distinct length) rather than scanning every prefix.
/// Names are compared as UTF-8 bytes.
struct PrefixMap<Value: Sendable>: Sendable {
    private var values: [ByteName: Value] = [:]
    /// Distinct prefix lengths in UTF-8 bytes, longest first.
    private var lengths: [Int] = []

    /// A map of the given prefixes.
    init(_ values: [ByteName: Value] = [:]) {
        self.values = values
        lengths = Set(values.keys.map { $0.text.utf8.count }).sorted(by: >)
    }

    /// The value stored for exactly this prefix.
    subscript(_ prefix: String) -> Value? { values[ByteName(prefix)] }

    /// The prefixes stored.
    var prefixes: [String] { values.keys.map(\.text) }

    /// The value of the longest stored prefix of `name`.
    func longest(in name: String) -> Value? {
        for p in name.utf8Prefixes(ofLengths: lengths) { if let v = values[ByteName(p)] { return v } }
        return nil
    }

    /// The values of every stored prefix of `name`, longest first.
    func all(in name: String) -> [Value] {
        name.utf8Prefixes(ofLengths: lengths).compactMap { values[ByteName($0)] }
    }
}

extension String {
    /// The prefixes of this name with the given lengths in UTF-8 bytes (longer than the
    /// name: skipped), in the order of `lengths`.
    func utf8Prefixes(ofLengths lengths: [Int]) -> [String] {
        let count = utf8.count
        guard lengths.contains(where: { $0 <= count }) else { return [] }
        // An ASCII name has no cut inside a character: every prefix is a slice of it.
        let ascii = utf8.withContiguousStorageIfAvailable { b in !b.contains { $0 >= 0x80 } }
        if ascii == true {
            return lengths.compactMap { n in
                n <= count ? String(Substring(utf8.prefix(n))) : nil
            }
        }
        let bytes = Array(utf8)
        // A cut inside a character decodes with U+FFFD, other bytes that could spell some other
        // pattern; no pattern (valid UTF-8) ends there, so such lengths are skipped.
        return lengths.filter { $0 <= bytes.count }.compactMap { n in
            let p = String(decoding: bytes[0..<n], as: UTF8.self)
            return p.utf8.count == n ? p : nil
        }
    }
}
