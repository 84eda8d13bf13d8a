/// Applies autonomy-ladder steps to a policy's text as minimal edits (`suggest --write`,
/// SPEC §9; docs/suggest-write.md).
///
/// Each change moves one capability name one rung. Only the bytes of the entry that governs
/// that name are edited (or an exact entry for the name is added, when a pattern or
/// `defaults` governs it); comments, key order, quoting, indentation, line breaks and the
/// byte order mark are kept everywhere else. The result fails closed: every edited text is
/// linted, compiled and diffed against the text before it (`RewriteCheck`), and a change
/// whose edit does not mean exactly that change is skipped with the reason, never written.
package enum PolicyRewriter {
    /// Applies `changes` to the policy `text` (named `path` in messages). Never traps; a
    /// text that does not lint clean (malformed YAML, errors) has every change skipped
    /// with the first error as the reason. A capability named twice is moved once (the
    /// first change naming it).
    package static func apply(_ changes: [StageChange], toPolicyText text: String, path: String) -> PolicyRewrite {
        apply(changes, toPolicyText: text, path: path) { planner, change throws(RewritePlanner.Refusal) in try planner.plan(change) }
    }

    /// How a change's edits are planned against a text (tests put a wrong planner here to
    /// see the check refuse what it proposes).
    typealias Plan = (RewritePlanner, StageChange) throws(RewritePlanner.Refusal) -> [TextEdit]

    /// `apply` with the planning step given.
    static func apply(_ changes: [StageChange], toPolicyText text: String, path: String, plan: Plan) -> PolicyRewrite {
        var rewrite = PolicyRewrite(text: text, applied: [], skipped: [], edits: [])
        guard !changes.isEmpty else { return rewrite }
        let bytes = Array(text.utf8)
        let original: RewriteCheck.State
        do throws(RewritePlanner.Refusal) {
            original = try RewriteCheck.state(bytes, file: path)
        } catch {
            rewrite.skipped = changes.map { SkippedChange(change: $0, reason: "the policy does not lint clean: \(error.reason)") }
            return rewrite
        }
        var reasons: [Int: String] = [:]
        var wanted: [Int] = []
        for (i, c) in changes.enumerated() {
            if wanted.contains(where: { changes[$0].capability.utf8.elementsEqual(c.capability.utf8) }) {
                reasons[i] = "another change in the same set already moves '\(c.capability)'"
            } else {
                wanted.append(i)
            }
        }
        let accepted = allAtOnce(wanted.map { changes[$0] }, original: original, path: path, plan: plan)
            ?? oneByOne(wanted, changes, original: original, path: path, plan: plan, reasons: &reasons)
        rewrite.edits = accepted.edits
        rewrite.text = String(decoding: TextEdit.apply(accepted.edits, to: bytes), as: UTF8.self)
        rewrite.applied = changes.indices.filter { accepted.indices.contains($0) || (accepted.all && wanted.contains($0)) }.map { changes[$0] }
        rewrite.skipped = changes.indices.compactMap { i in reasons[i].map { SkippedChange(change: changes[i], reason: $0) } }
        return rewrite
    }

    /// What was kept: the edits, and which changes they make (`all`: every wanted one).
    struct Accepted {
        var edits: [TextEdit] = []
        var indices: Set<Int> = []
        var all = false
    }

    /// The usual case, in one check: every change planned against the original and the
    /// whole result verified at once. Nil when any change is refused or the check fails.
    static func allAtOnce(_ changes: [StageChange], original: RewriteCheck.State, path: String, plan: Plan) -> Accepted? {
        let tree = YAMLSpanTree.read(original.bytes)
        guard !changes.isEmpty, tree.problem == nil else { return nil }
        let planner = RewritePlanner(bytes: original.bytes, tree: tree, policy: original.policy, file: path)
        var edits: [TextEdit] = []
        for c in changes {
            guard let planned = try? plan(planner, c) else { return nil }
            edits += planned
        }
        guard let normalized = TextEdit.normalized(edits),
              (try? RewriteCheck.verify(TextEdit.apply(normalized, to: original.bytes), against: original, changes: changes, file: path)) != nil
        else { return nil }
        return Accepted(edits: normalized, all: true)
    }

    /// Change by change, each planned against the text the ones before it left and checked
    /// against that text: a change that fails is skipped with its reason, the others kept.
    static func oneByOne(_ wanted: [Int], _ changes: [StageChange], original: RewriteCheck.State, path: String,
                         plan: Plan, reasons: inout [Int: String]) -> Accepted {
        var accepted = Accepted()
        var current = original
        for i in wanted {
            do throws(RewritePlanner.Refusal) {
                let tree = YAMLSpanTree.read(current.bytes)
                if let problem = tree.problem { throw RewritePlanner.Refusal("the policy text could not be read for editing: \(problem)") }
                let planner = RewritePlanner(bytes: current.bytes, tree: tree, policy: current.policy, file: path)
                var edits = accepted.edits
                for e in try plan(planner, changes[i]).reversed() {
                    // Reversed: each later edit is still at its planned place in the text the
                    // earlier ones (not yet composed) leave.
                    edits = TextEdit.compose(edits, then: e, original: original.bytes)
                }
                let text = TextEdit.apply(edits, to: original.bytes)
                current = try RewriteCheck.verify(text, against: current, changes: [changes[i]], file: path)
                accepted.edits = edits
                accepted.indices.insert(i)
            } catch {
                reasons[i] = error.reason
            }
        }
        // The whole result once more against the original: it cannot fail when each step
        // passed, and if it ever did, nothing is written.
        let kept = wanted.filter { accepted.indices.contains($0) }.map { changes[$0] }
        if !kept.isEmpty,
           (try? RewriteCheck.verify(TextEdit.apply(accepted.edits, to: original.bytes), against: original, changes: kept, file: path)) == nil {
            for i in accepted.indices { reasons[i] = "the changes together did not check out against the original policy, so none was written" }
            return Accepted()
        }
        return accepted
    }
}
