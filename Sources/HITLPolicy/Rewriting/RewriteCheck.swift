/// The rewriter's self-check: an edited text is kept only when it means exactly the changes
/// asked for.
///
/// Both texts are linted (as `hitl-policy lint` does, table checks included) and compiled,
/// and `PolicyDiff` compares them over the whole action space. The new text passes when:
/// it has no errors; it has no warning the old one lacks, except those a stage change brings
/// by itself (`allowedNewWarnings`); each changed capability's governing entry is on the
/// rung asked for; no tier, panel, currency or tool mapping changed; and every changed
/// region belongs to a changed capability's own name and moves in its direction (loosened
/// for a promotion, tightened for a demotion).
enum RewriteCheck {
    typealias Refusal = RewritePlanner.Refusal

    /// Warnings a stage step can bring by itself: a band or compliance rule that the
    /// capability's new stage already covers (HP600, HP601), the tier an approval named and a
    /// promotion dropped, now required nowhere (HP603), and a capability now autonomous that
    /// a broader rule still stops when actions omit data (HP609).
    static let allowedNewWarnings: Set<DiagnosticCode> = [.ineffectiveBand, .ineffectiveRule, .unusedTier, .autonomyNeedsData]

    /// A policy text that lints without errors, decoded and compiled.
    struct State {
        var bytes: [UInt8]
        var policy: Policy
        var table: DecisionTable
        /// Warnings (not silenced) by code and message, with their counts.
        var warnings: [String: (code: DiagnosticCode, count: Int)]
    }

    /// Lints and compiles `bytes`, or says why they do not make a policy.
    static func state(_ bytes: [UInt8], file: String) throws(Refusal) -> State {
        let loaded = PolicyLoader.load(bytes, file: file, checkTableSize: true)
        if let error = loaded.diagnostics.first(where: { $0.severity == .error }) {
            throw Refusal("\(error.code.id) at line \(error.location.line): \(error.message)")
        }
        guard let policy = loaded.policy else { throw Refusal("the policy could not be read") }
        let table: DecisionTable
        do throws(DiagramTooLarge) {
            table = try TableCompiler.compile(policy, digest: Digest.of(bytes), diagrams: false)
        } catch {
            throw Refusal("the policy's table is too large to compile")
        }
        var warnings: [String: (code: DiagnosticCode, count: Int)] = [:]
        for d in loaded.diagnostics where d.severity == .warning && !d.isSuppressed {
            warnings["\(d.code.id) \(d.message)", default: (d.code, 0)].count += 1
        }
        return State(bytes: bytes, policy: policy, table: table, warnings: warnings)
    }

    /// Checks that `bytes` are `old` with exactly `changes` made; returns their state.
    static func verify(_ bytes: [UInt8], against old: State, changes: [StageChange], file: String) throws(Refusal) -> State {
        let new: State
        do throws(Refusal) {
            new = try state(bytes, file: file)
        } catch {
            throw Refusal("the edited policy would not lint clean (\(error.reason))")
        }
        for (key, w) in new.warnings where w.count > old.warnings[key]?.count ?? 0 && !allowedNewWarnings.contains(w.code) {
            throw Refusal("the edited policy would draw a new warning (\(key))")
        }
        for c in changes {
            let entry = new.policy.entry(for: c.capability)
            let rung = AutonomyStep(stage: entry?.stage ?? new.policy.defaults.stage, review: entry?.review ?? false)
            guard rung == c.to else {
                throw Refusal("after the edit the policy would make '\(c.capability)' \(rung?.phrase ?? "disabled"), not \(c.to.phrase)")
            }
        }
        let diff: DiffReport
        do throws(DiagramTooLarge) {
            diff = try PolicyDiff.diff(old: old.table, new: new.table)
        } catch {
            throw Refusal("the two versions are too large to compare, so the edit cannot be checked")
        }
        if let change = diff.approverChanges.first { throw Refusal("the edit would also change \(change.text)") }
        if diff.truncated { throw Refusal("the edit changes more regions than a diff lists, so it cannot be checked") }
        for region in diff.regions {
            for capability in region.capabilities {
                guard capability.kind == .exact,
                      let c = changes.first(where: { $0.capability.utf8.elementsEqual(capability.name.utf8) }) else {
                    throw Refusal("the edit would also change decisions of \(capability.label) (\(region.old) → \(region.new))")
                }
                let expected: DiffClassification = c.promotes ? .loosened : .tightened
                guard region.classification == expected else {
                    throw Refusal("the edit would leave '\(c.capability)' \(region.classification) where it should only be \(expected) (\(region.old) → \(region.new))")
                }
            }
        }
        return new
    }
}
