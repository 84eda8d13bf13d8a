/// The integrity digest a table artifact carries: `table_digest`, the `sha256:` digest of
/// the table's canonical content (the artifact as `compile` writes it, without that member
/// and without the final newline). The content is written afresh from what was read, so
/// the check covers exactly what every command reads, whatever the file's spacing.
///
/// It tells a table that was changed or damaged after `compile` from one that was not.
/// It is no signature: anyone who can rewrite a table can write its digest too (as anyone
/// who can rewrite the policy can recompile it); that case is `DecisionTable.diagramsProblem`'s.
enum TableDigest {
    /// The member's name.
    static let member = "table_digest"

    /// Why `recorded` is not the digest of `table` (nil when it is).
    static func problem(_ table: DecisionTable, recorded: String?) -> String? {
        guard let recorded else {
            return "the table has no \(member), so nothing shows it is as `hitl-policy compile` wrote it; " + DecisionTable.recompile
        }
        guard recorded.sameBytes(as: TableArtifactWriter.digest(table)) else {
            return "the table was changed after `hitl-policy compile` wrote it (its content does not match its \(member)); "
                + DecisionTable.recompile
        }
        return nil
    }
}
