extension PolicyTools {
    /// Compares two policies by meaning (`hitl-policy diff OLD NEW`). Throws when together
    /// they exceed the diagram limit.
    public static func diff(old: CompiledPolicy, new: CompiledPolicy) throws(TableTooLarge) -> DiffReport {
        do throws(DiagramTooLarge) {
            return try PolicyDiff.diff(old: old.table, new: new.table)
        } catch {
            throw TableTooLarge(error)
        }
    }

    /// `hitl-policy diff`: compares two loaded tables (`absent`: the side that is no file, an
    /// empty policy from `emptyPolicySource`); the report's header names `sources`, the files
    /// as the user gave them, not the path stored inside a compiled table.
    package static func diff(old: DecisionTable, new: DecisionTable, absent: DiffAbsentSide?,
                             sources: (old: String, new: String)) throws(TableTooLarge) -> DiffReport {
        do throws(DiagramTooLarge) {
            var report = try PolicyDiff.diff(old: old, new: new, absent: absent)
            (report.old.source, report.new.source) = sources
            return report
        } catch {
            throw TableTooLarge(error)
        }
    }

    /// The source of the empty policy a path absent at a git revision stands for (SPEC §5):
    /// no tiers, panels, capabilities or rules, so every action is disabled. It takes the
    /// name of the first of `others` whose name is a plain word, else `empty`.
    package static func emptyPolicySource(namedAfter others: [DecisionTable]) -> [UInt8] {
        let name = others.map(\.policy).first { !$0.isEmpty && $0.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == 0x2E || c == 0x5F || c == 0x2D
        } } ?? "empty"
        return Array("version: 1\nname: \(name)\n".utf8)
    }
}
