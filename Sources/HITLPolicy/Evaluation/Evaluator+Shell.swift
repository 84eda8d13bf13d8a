/// `{shell: [...]}` conditions at evaluation: each tested attribute's value is split once per
/// action (`ShellCommandLine`) and every prefix on it tested; only tables with shell
/// prefixes do any of this.
extension Evaluator {
    /// What an attribute holds, as a shell condition reads it.
    enum ShellValue {
        /// Absent or null: every prefix counts as present (SPEC §4, fail closed).
        case missing
        /// Not a string (or a string that is not valid Unicode): present, since no command
        /// can be read from it with certainty.
        case notString
        /// A command line.
        case text(String)
    }

    /// Whether shell prefix `s` is present in the action: its attribute's line has a simple
    /// command beginning with it, or cannot be split with certainty, or is no string, or
    /// is missing. Set for every prefix before the action is walked (`resolveAllShells`, or
    /// a built action's load), so nothing is left from the previous action.
    @inline(__always) func shellPresent(_ s: Int) -> Bool { action.tagPresent[shellBase + s] }

    /// Splits each tested attribute's value in the action line once and sets every prefix
    /// (the decision's walks, reasons and explanation read them). Only tables with shell
    /// prefixes call it (`hasShells`).
    @inline(never) func resolveAllShells() {
        for (a, tested) in shellsOfAttribute.enumerated() where !tested.isEmpty {
            let split: ShellCommandLine?
            if case .text(let t) = shellValue(a) { split = ShellCommandLine(t) } else { split = nil }
            for s in tested { setShell(s, present: split?.begins(with: shellWords[s]) ?? true) }
        }
    }

    /// The child a shell node takes (out of line: the walk of tables without shell prefixes
    /// compiles as it did before them).
    @inline(never) func shellChild(_ s: Int32) -> Int { shellPresent(Int(s)) ? 1 : 0 }

    /// Records prefix `s`'s presence for the action.
    func setShell(_ s: Int, present: Bool) { action.tagPresent[shellBase + s] = present }

    /// Attribute `a`'s value in the action line.
    func shellValue(_ a: Int) -> ShellValue {
        guard let at = attributeStart(a) else { return .missing }
        guard action.line[at] == 0x22 else { return .notString }
        var s = JSONScanner(action.line, at: at)
        guard let (r, escaped) = try? s.string() else { return .notString }
        if escaped, s.hasLoneSurrogate(r) { return .notString }
        return .text(escaped ? String(decoding: s.unescape(r), as: UTF8.self) : String(decoding: UnsafeBufferPointer(rebasing: action.line[r]), as: UTF8.self))
    }

    /// Why prefix `s` is present or absent, for `--explain`: the command that begins with it,
    /// or why every prefix counts as present.
    func shellDetail(_ s: Int) -> String {
        let a = shellAttribute[s]
        let path = table.attributes[a].path
        let prefix = table.shells[s].prefix
        switch shellValue(a) {
        case .missing: return "attributes.\(path) missing counts as a command beginning with \(prefix)"
        case .notString: return "attributes.\(path) is not a string, so it counts as a command beginning with \(prefix)"
        case .text(let t):
            let split = ShellCommandLine(t)
            if let why = split.uncertainty {
                return "attributes.\(path) cannot be split with certainty (\(why)), so it counts as a command beginning with \(prefix)"
            }
            if let c = split.commandSlices.first(where: { ShellCommandLine.command($0, begins: shellWords[s]) }) {
                return "attributes.\(path) runs \(Self.shortened(c.map(\.description).joined(separator: " "))), which begins with \(prefix)"
            }
            return "attributes.\(path) runs no command beginning with \(prefix)"
        }
    }
}
