/// `suggest --write FILE`: the policy with the whole-capability suggestions applied as minimal
/// text edits (SPEC §9), what was not written and why, and `diff`'s report from the policy
/// to the proposal, so that the regions that loosen are in front of the person who decides.
package struct SuggestionProposal: Sendable {
    /// One suggestion that is not in the written policy, and why.
    package struct NotWritten: Sendable {
        package var capability: String
        /// The row's conditions in words (empty for a whole capability).
        package var scope: String
        package var change: SuggestionReport.Change
        package var from: AutonomyStep
        package var to: AutonomyStep
        package var reason: String
    }

    /// Where it is written, and its text.
    package var file: String
    package var text: String
    /// The stage changes written, in policy order.
    package var written: [(capability: String, from: AutonomyStep, to: AutonomyStep)]
    package var notWritten: [NotWritten]
    /// The old → new diff.
    package var diff: DiffReport

    /// The row-scoped promotions and demotions of a report that the changes `written` (by
    /// capability) do not make: a row needs an edit narrower than its capability's stage,
    /// unless its capability's own move takes every reviewed action in it the same way.
    package static func rowChanges(_ r: SuggestionReport, written: Set<String>) -> [NotWritten] {
        r.suggestions.filter { s in
            !s.isCapabilityWide && (s.change == .promote || s.change == .demote) && !(s.followsCapability && written.contains(s.capability))
        }.map { s in
            NotWritten(capability: s.capability, scope: SuggestionLines.scope(s), change: s.change, from: s.from, to: s.to,
                       reason: "a single row needs an edit narrower than the capability's stage (a band, or an entry of its own): write it by hand")
        }
    }
}
