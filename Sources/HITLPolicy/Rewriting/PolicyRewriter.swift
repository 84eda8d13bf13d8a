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

    /// `apply` on a policy file's bytes. Bytes that are not UTF-8 text are refused, not
    /// repaired (a repair would change bytes outside the edits): every change is skipped
    /// with the reason, and `text` is the bytes decoded with U+FFFD in place of the bad
    /// ones, which should not be written.
    package static func apply(_ changes: [StageChange], toPolicyBytes bytes: [UInt8], path: String) -> PolicyRewrite {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let reason = "the policy does not lint clean: HP101: the file is not valid UTF-8 text"
            return PolicyRewrite(text: String(decoding: bytes, as: UTF8.self), applied: [],
                                 skipped: changes.map { SkippedChange(change: $0, reason: reason) }, edits: [])
        }
        return apply(changes, toPolicyText: text, path: path)
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
            rewrite.skipped = changes.map { SkippedChange(change: $0, reason: "the policy does not lint clean: \(error.reason)".escapingControlCharacters) }
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
        var progress = Progress(current: original)
        // Changes that cannot be planned against the original are tried last, one by one,
        // against the text the others leave (planning fails fast, and a change refused only
        // because of another, such as an alias of the entry another change writes out, may
        // pass then): the others are checked together, usually in one step.
        let tree = YAMLSpanTree.read(bytes)
        let planner = RewritePlanner(bytes: bytes, tree: tree, policy: original.policy, file: path)
        let plannable = wanted.filter { tree.problem == nil && (try? plan(planner, changes[$0])) != nil }
        settle(plannable[...], changes, progress: &progress, path: path, plan: plan, reasons: &reasons)
        for i in wanted where !plannable.contains(i) {
            settle([i][...], changes, progress: &progress, path: path, plan: plan, reasons: &reasons)
        }
        // The whole result once more against the original, when it was kept in more than
        // one step: it cannot fail when each step passed, and if it ever did, nothing is
        // written.
        let kept = wanted.filter(progress.applied.contains)
        if progress.steps > 1,
           (try? RewriteCheck.verify(progress.current, against: original, changes: kept.map { changes[$0] })) == nil {
            for i in kept { reasons[i] = "the changes together did not check out against the original policy, so none was written" }
            progress = Progress(current: original)
        }
        rewrite.edits = progress.edits
        rewrite.text = String(decoding: TextEdit.apply(progress.edits, to: bytes), as: UTF8.self)
        rewrite.applied = changes.indices.filter(progress.applied.contains).map { changes[$0] }
        rewrite.skipped = changes.indices.compactMap { i in reasons[i].map { SkippedChange(change: changes[i], reason: $0.escapingControlCharacters) } }
        return rewrite
    }

    /// The changes kept so far: the text they make (checked), and their edits against the
    /// original.
    struct Progress {
        /// The original text.
        let original: [UInt8]
        /// The text the kept changes make, checked.
        var current: RewriteCheck.State
        /// The kept changes' edits, against the original.
        var edits: [TextEdit] = []
        /// The kept changes, by their index in the changes asked.
        var applied: Set<Int> = []
        /// How many groups were kept (each checked against the text before it).
        var steps = 0

        init(current: RewriteCheck.State) {
            original = current.bytes
            self.current = current
        }
    }

    /// Applies a group of changes in one step when the whole group checks out (the usual
    /// case: one check for all), else each half in turn, down to single changes, which are
    /// skipped with their reason. Each group is planned against the text the groups before
    /// it left and checked against that text, so a change refused only because of another
    /// (an alias of the entry another change writes out) is tried again after it.
    static func settle(_ group: ArraySlice<Int>, _ changes: [StageChange], progress: inout Progress, path: String,
                       plan: Plan, reasons: inout [Int: String]) {
        guard let first = group.first else { return }
        do throws(RewritePlanner.Refusal) {
            let edits = try planned(group.map { changes[$0] }, after: progress, path: path, plan: plan)
            let text = TextEdit.apply(edits, to: progress.original)
            progress.current = try RewriteCheck.verify(text, against: progress.current, changes: group.map { changes[$0] }, file: path)
            progress.edits = edits
            progress.applied.formUnion(group)
            progress.steps += 1
        } catch {
            if group.count == 1 {
                reasons[first] = error.reason
                return
            }
            let middle = group.startIndex + group.count / 2
            settle(group[..<middle], changes, progress: &progress, path: path, plan: plan, reasons: &reasons)
            settle(group[middle...], changes, progress: &progress, path: path, plan: plan, reasons: &reasons)
        }
    }

    /// The edits kept so far with those of `changes`, planned against the current text, as
    /// one list against the original.
    static func planned(_ changes: [StageChange], after progress: Progress, path: String, plan: Plan) throws(RewritePlanner.Refusal) -> [TextEdit] {
        let current = progress.current
        let tree = YAMLSpanTree.read(current.bytes)
        if let problem = tree.problem { throw RewritePlanner.Refusal("the policy text could not be read for editing: \(problem)") }
        let planner = RewritePlanner(bytes: current.bytes, tree: tree, policy: current.policy, file: path)
        var edits: [TextEdit] = []
        for c in changes { edits += try plan(planner, c) }
        guard let normalized = TextEdit.normalized(edits) else {
            throw RewritePlanner.Refusal("its edits overlap those of another change")
        }
        var composed = progress.edits
        // From the end: each edit is still at its planned place in the text the ones after
        // it (already composed) leave.
        for e in normalized.reversed() { composed = TextEdit.compose(composed, then: e, original: progress.original) }
        return composed
    }
}
