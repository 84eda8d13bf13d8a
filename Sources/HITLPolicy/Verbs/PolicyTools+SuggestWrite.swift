extension PolicyTools {
    /// `suggest --write FILE`: applies the report's whole-capability promotions and demotions
    /// to the policy's text with `PolicyRewriter` (minimal edits: comments, order and layout
    /// kept), checks that the result lints without errors, and diffs the policy against it.
    /// Nothing is written here; the command writes `text` to `file` (never the policy itself).
    package static func propose(_ report: SuggestionReport, policySource: [UInt8], label: String,
                                file: String) -> Result<SuggestionProposal, Suggester.Failure> {
        let changes = report.proposal.map { p in
            StageChange(capability: p.capability, from: p.from, to: p.to)
        }
        let rewrite = PolicyRewriter.apply(changes, toPolicyBytes: policySource, path: label)
        let bytes = Array(rewrite.text.utf8)
        let errors = PolicyLoader.load(bytes, file: file).diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            let found = errors.prefix(5).map { "\($0.location): \($0.message)" }.joined(separator: "; ")
            return .failure(Suggester.Failure(message: "\(file): the proposed policy does not lint clean, so it was not written: \(found)"))
        }
        guard case .loaded(let old) = loadTable(bytes: policySource, label: label, allowTable: false, diagrams: false),
              case .loaded(let new) = loadTable(bytes: bytes, label: file, allowTable: false, diagrams: false) else {
            return .failure(Suggester.Failure(message: "\(file): the proposed policy does not compile, so it was not written"))
        }
        let diff: DiffReport
        do throws(TableTooLarge) {
            diff = try PolicyTools.diff(old: old, new: new, absent: nil, sources: (label, file))
        } catch {
            return .failure(Suggester.Failure(message: "\(file): \(error)"))
        }
        let skipped = rewrite.skipped.map { s in
            SuggestionProposal.NotWritten(capability: s.change.capability, scope: "", change: s.change.promotes ? .promote : .demote,
                                          from: s.change.from, to: s.change.to, reason: s.reason)
        }
        return .success(SuggestionProposal(file: file, text: rewrite.text,
                                           written: rewrite.applied.map { ($0.capability, $0.from, $0.to) },
                                           notWritten: skipped + SuggestionProposal.rowChanges(report, written: Set(rewrite.applied.map(\.capability))),
                                           diff: diff))
    }
}
