extension CapabilityPattern {
    /// A concrete name standing for the names this pattern governs when `exactNames` and
    /// `prefixes` are the other keys in play: what a diff witness or a policy test's witness
    /// action sends (one rule for both: `diff` passes both policies' keys, `test --coverage`
    /// and `test --generate` one policy's). The most natural such name, deterministically:
    ///
    /// - an exact name is itself;
    /// - a prefix gives the prefix followed by `example` (`github.example`; `example` for
    ///   the empty prefix, which also stands for the names no key matches);
    /// - when an exact name or a longer prefix claims that, the first of `x-example`,
    ///   `y-example`, `z-example`, `a-example` … `w-example`, `0-example` … `9-example`,
    ///   then every scalar from U+0100 followed by `-example`, that none claims. One is
    ///   always found: each key claims at most two candidates.
    func exampleName(exactNames: Set<ByteName>, prefixes: [String]) -> String {
        guard case .prefix(let base) = self else { return description }
        let longer = prefixes.filter { $0.utf8.count > base.utf8.count && $0.utf8.starts(with: base.utf8) }
        func free(_ candidate: String) -> Bool {
            !exactNames.contains(ByteName(candidate)) && !longer.contains { candidate.utf8.starts(with: $0.utf8) }
        }
        if free(base + "example") { return base + "example" }
        var firsts = Array("xyzabcdefghijklmnopqrstuvw0123456789".unicodeScalars)
        var next: UInt32 = 0x100
        var k = 0
        while true {
            while k == firsts.count {   // skips the surrogate range, where no scalar exists
                if let s = Unicode.Scalar(next) { firsts.append(s) }
                next += 1
            }
            let candidate = base + String(Character(firsts[k])) + "-example"
            k += 1
            if free(candidate) { return candidate }
        }
    }
}
