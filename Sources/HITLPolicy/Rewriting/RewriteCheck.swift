/// The rewriter's self-check: an edited text is kept only when it means exactly the changes
/// asked for.
///
/// Both texts are linted (as `hitl-policy lint` does, table checks included) and compiled.
/// The new text passes when:
/// - it has no errors, and no warning the old one lacks except those a stage step brings by
///   itself (`allowedNewWarnings`);
/// - each changed capability's governing entry is on the rung asked for;
/// - nothing else changed, decided or not: every other capability entry (fields, bands,
///   description), every other rule of the table (defaults, compliance conditions and
///   effects), the policy's name, description and defaults, the compliance rules' texts;
/// - `PolicyDiff` from the old table finds no change to tiers, panels, currencies or tool
///   mappings, and every changed region belongs to a changed capability's own name and moves
///   in its direction (loosened for a promotion, tightened for a demotion);
/// - the old policy with each step made on its model (`intendedPolicy`) decides every action
///   exactly as the new text does.
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
        try verify(new, against: old, changes: changes)
        return new
    }

    /// Checks that `new` (a text that lints without errors) is `old` with exactly `changes`
    /// made.
    static func verify(_ new: State, against old: State, changes: [StageChange]) throws(Refusal) {
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
        if let other = unchangedPartDiffers(old, new, changes: changes) {
            throw Refusal("the edit would also change \(other)")
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
        // Exactly the steps: the old policy with each step made on its model decides every
        // action as the new text does (a stray edit that happens to move a moved name the
        // same way is caught here).
        let intended = intendedPolicy(old.policy, changes)
        let exact: DiffReport
        do throws(DiagramTooLarge) {
            let table = try TableCompiler.compile(intended, digest: old.table.policyDigest, diagrams: false)
            exact = try PolicyDiff.diff(old: table, new: new.table)
        } catch {
            throw Refusal("the intended policy is too large to compare, so the edit cannot be checked")
        }
        if let region = exact.regions.first {
            throw Refusal("the edit would decide \(region.capabilities.map(\.label).joined(separator: ", ")) otherwise than the step alone does (\(region.new) instead of \(region.old))")
        }
        if !exact.isEmpty { throw Refusal("the edit would change more than the steps asked") }
    }

    /// `policy` with each change made on its model: the governing exact entry moved, or
    /// an exact entry added (a copy of the governing pattern's entry, or a bare entry for a
    /// name `defaults` governs), then moved.
    static func intendedPolicy(_ policy: Policy, _ changes: [StageChange]) -> Policy {
        var p = policy
        for c in changes {
            if let i = p.capabilities.firstIndex(where: { $0.pattern == .exact(c.capability) }) {
                step(&p.capabilities[i], to: c.to)
                continue
            }
            var entry = p.entry(for: c.capability) ?? CapabilityEntry(
                pattern: .exact(c.capability), stage: p.defaults.stage, tier: nil, review: false, reversible: nil, description: nil,
                location: SourceLocation(file: p.file, line: 1, column: 1), stageLocation: SourceLocation(file: p.file, line: 1, column: 1))
            entry.pattern = .exact(c.capability)
            step(&entry, to: c.to)
            // Placed after everything written: the compiler takes rules in the order of
            // their locations, and an entry's bands after the entry.
            let line = 1_000_000_000 + p.capabilities.count * 10_000
            entry.location = SourceLocation(file: p.file, line: line, column: 1)
            entry.stageLocation = entry.location
            for f in entry.bandLists.indices {
                for b in entry.bandLists[f].indices {
                    entry.bandLists[f][b].location = SourceLocation(file: p.file, line: line + 1 + f * 1_000 + b, column: 1)
                }
            }
            p.capabilities.append(entry)
        }
        return p
    }

    /// Puts an entry on a rung: approval keeps its tier (none, coming from autonomous),
    /// the autonomous rungs have none.
    static func step(_ e: inout CapabilityEntry, to rung: AutonomyStep) {
        switch rung {
        case .approval:
            e.stage = .approval
            e.review = false
        case .review, .autonomous:
            e.stage = .autonomous
            e.review = rung == .review
            e.tier = nil
        }
    }

    /// What changed outside the moved names, decided or not: another entry's fields and
    /// bands, any other rule of the table (defaults, compliance conditions and effects), the
    /// policy's name, description or defaults, a compliance rule's texts. Nil when nothing
    /// did. (A change that decides nothing differently today still changes what a later
    /// edit of the policy would decide, so it is refused too.)
    static func unchangedPartDiffers(_ old: State, _ new: State, changes: [StageChange]) -> String? {
        func moved(_ name: String) -> Bool { changes.contains { $0.capability.utf8.elementsEqual(name.utf8) } }
        func movedEntry(_ e: CapabilityEntry) -> Bool {
            if case .exact(let name) = e.pattern { return moved(name) }
            return false
        }
        let before = old.policy.capabilities.filter { !movedEntry($0) }.map(meaning)
        let after = new.policy.capabilities.filter { !movedEntry($0) }.map(meaning)
        if before != after {
            let changed = zip(before, after).first { $0 != $1 }?.0 ?? (before.count > after.count ? before.last : after.last) ?? ""
            return "another capability entry (\(changed.prefix { $0 != "|" }))"
        }
        // Rules of the moved names' own entries aside, the tables hold the same rules.
        func rules(_ t: DecisionTable) -> [TableRule] {
            t.rules.filter { r in
                !(r.kind == .entry || r.kind == .band) || !changes.contains { c in
                    r.path == "capabilities.\(c.capability)" || r.path.hasPrefix("capabilities.\(c.capability).")
                }
            }.map { r in
                var r = r
                r.source = ""
                return r
            }
        }
        let (oldRules, newRules) = (rules(old.table), rules(new.table))
        if oldRules != newRules {
            let rule = zip(oldRules, newRules).first { $0 != $1 }?.0 ?? (oldRules.count > newRules.count ? oldRules.last : newRules.last)
            return "the rule \(rule?.path ?? "")"
        }
        let (p, q) = (old.policy, new.policy)
        if p.name != q.name || p.description != q.description { return "the policy's name or description" }
        let d = (p.defaults, q.defaults)
        if d.0.stage != d.1.stage || d.0.tier != d.1.tier || d.0.sla != d.1.sla || d.0.onTimeout != d.1.onTimeout { return "'defaults'" }
        let texts = { (p: Policy) in p.compliance.map { "\($0.id)|\($0.description ?? "")|\($0.reference ?? "")|\($0.reason ?? "")" } }
        if texts(p) != texts(q) { return "a compliance rule" }
        return nil
    }

    /// An entry's fields and bands, without where they were written.
    static func meaning(_ e: CapabilityEntry) -> String {
        let bands = e.bands.map { "\($0.field)[\($0.index)] \($0.threshold) \($0.effect.summary)" }
        return ["\(e.pattern)", "\(e.stage)", e.tier ?? "-", "\(e.review)", e.reversible.map { "\($0)" } ?? "-", e.description ?? "-"]
            .joined(separator: "|") + "|" + bands.joined(separator: ";")
    }
}
