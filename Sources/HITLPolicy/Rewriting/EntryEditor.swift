/// The edits that move one exact capability entry one rung, in whatever form it is written.
///
/// - Short form (`refund: approval`): the stage word becomes the flow mapping
///   `{stage: autonomous, review: true}` (the only rung a short form moves to in one step).
/// - Long form, block or flow: `stage` is rewritten in place (same quotes); going from
///   approval drops `tier` (valid only with approval) and keeps every band; `review` is set
///   in place when written (`true`/`false`), else `review: true` is added after `stage`, as
///   a line at the entry's indentation or as a flow member. A demotion to approval sets
///   `review: false` (a `review: true` on an approval draws a warning) and names no tier:
///   the approval falls back to `defaults.tier` or the lowest tier, as SPEC §2 says.
struct EntryEditor {
    typealias Refusal = RewritePlanner.Refusal

    let planner: RewritePlanner
    let key: Int
    let value: Int
    let change: StageChange

    var tree: YAMLSpanTree { planner.tree }
    var source: SourceText { planner.source }
    var name: String { planner.quoted(change.capability) }

    func edits() throws(Refusal) -> [TextEdit] {
        if let anchor = planner.repeated(tree.lineage(value)) {
            throw Refusal("the entry for \(name) lies in a node ('\(anchor)') that an alias repeats elsewhere, so editing it would change that place too")
        }
        let node = tree.nodes[value]
        if node.kind == .alias {
            guard let target = node.target, tree.nodes[target].kind == .scalar else {
                throw Refusal("the entry for \(name) is an alias ('*\(node.text)') of another node; write it out to let suggest edit it")
            }
            return try shortForm()
        }
        switch node.kind {
        case .scalar: return try shortForm()
        case .mapping: return try longForm()
        default: throw Refusal("the entry for \(name) is neither a stage nor a mapping")
        }
    }

    /// `refund: approval` → `refund: {stage: autonomous, review: true}`.
    func shortForm() throws(Refusal) -> [TextEdit] {
        guard change.to == .review else {
            throw Refusal("the short form of \(name) cannot move to \(change.to.phrase) in one step")
        }
        let node = tree.nodes[value]
        return [TextEdit(range: node.start..<node.end, replacement: "{stage: autonomous, review: true}")]
    }

    func longForm() throws(Refusal) -> [TextEdit] {
        guard let stage = planner.pair(value, "stage") else { throw Refusal("the entry for \(name) has no 'stage'") }
        let review = planner.pair(value, "review")
        var edits: [TextEdit] = []
        switch (change.from, change.to) {
        case (.approval, .review):
            edits.append(try replace(stage.value, with: "autonomous"))
            let tier = planner.pair(value, "tier")
            if let review {
                if let tier { edits.append(try remove(tier)) }
                if !isTrue(review.value) { edits.append(try replace(review.value, with: "true")) }
            } else if let tier {
                // The tier's place takes the review: one edit, and no comma or line to add.
                edits.append(try remove(tier, writing: YAMLWriting.word("review", like: tree.nodes[tier.key]) + ": true"))
            } else {
                edits.append(try addReview(after: stage))
            }
        case (.autonomous, .review):
            if let review {
                edits.append(try replace(review.value, with: "true"))
            } else {
                edits.append(try addReview(after: stage))
            }
        case (.review, .autonomous):
            guard let review else { throw Refusal("the entry for \(name) has no 'review' to turn off") }
            edits.append(try replace(review.value, with: "false"))
        case (.review, .approval):
            edits.append(try replace(stage.value, with: "approval"))
            if let review { edits.append(try replace(review.value, with: "false")) }
        default:
            throw Refusal("the entry for \(name) cannot move from \(change.from.phrase) to \(change.to.phrase) in one step")
        }
        guard let normalized = TextEdit.normalized(edits) else { throw Refusal("the edits to the entry for \(name) overlap") }
        return normalized
    }

    func isTrue(_ node: Int) -> Bool {
        let n = tree.nodes[tree.nodes[node].target ?? node]
        return n.kind == .scalar && n.style == .plain && ScalarResolver.resolvePlain(n.text) == .bool(true)
    }

    /// The scalar (or alias) `node` rewritten as `word`, in its quotes.
    func replace(_ node: Int, with word: String) throws(Refusal) -> TextEdit {
        if let anchor = planner.repeated([node]) {
            throw Refusal("a value of the entry for \(name) carries '\(anchor)', which an alias repeats elsewhere")
        }
        let n = tree.nodes[node]
        guard n.kind == .scalar || n.kind == .alias else { throw Refusal("a value of the entry for \(name) is not a single word") }
        return TextEdit(range: n.start..<n.end, replacement: YAMLWriting.word(word, like: n))
    }

    /// `review: true` after `stage`: a flow member, or a line at the entry's indentation.
    func addReview(after stage: (key: Int, value: Int)) throws(Refusal) -> TextEdit {
        let member = YAMLWriting.word("review", like: tree.nodes[stage.key]) + ": true"
        let stageEnd = tree.nodes[stage.value].end
        if tree.nodes[value].flow { return .insert(", " + member, at: stageEnd) }
        guard let indent = source.indentation(of: tree.nodes[stage.key].start) else {
            throw Refusal("the 'stage' of \(name) does not start its own line, so there is no indentation to add 'review' at")
        }
        return planner.insertLine(indent + member, at: source.lineEnd(after: stageEnd))
    }

    /// Removes one member (`tier`), or writes `member` (`review: true`) in its place. A
    /// block member's lines go, keeping any comment written on them as a comment line at the
    /// same indentation; a flow member goes with one comma, or its `key: value` is replaced.
    func remove(_ pair: (key: Int, value: Int), writing member: String? = nil) throws(Refusal) -> TextEdit {
        if let anchor = planner.repeated(tree.subtree(pair.key) + tree.subtree(pair.value)) {
            throw Refusal("the 'tier' of \(name) carries '\(anchor)', which an alias repeats elsewhere")
        }
        let k = tree.nodes[pair.key], v = tree.nodes[pair.value]
        if tree.nodes[value].flow { return try removeFlow(pair, writing: member) }
        guard let indent = source.indentation(of: k.start) else {
            throw Refusal("the 'tier' of \(name) does not start its own line")
        }
        let start = source.lineStart(k.start)
        let end = source.lineEnd(after: v.end)
        let lines = (member.map { [$0] } ?? []) + source.comments(in: source.span(k.end, v.start)) + source.comments(in: source.span(v.end, end))
        guard source.endsUnbroken(at: end) else {
            return TextEdit(range: start..<end, replacement: lines.map { indent + $0 + source.newline }.joined())
        }
        // The last line of a file with no final break: what replaces it has none either.
        if lines.isEmpty {
            let crlf = start >= 2 && source.bytes[start - 2] == 0x0D && source.bytes[start - 1] == 0x0A
            return TextEdit(range: max(start - (crlf ? 2 : 1), source.bom)..<end, replacement: "")
        }
        return TextEdit(range: start..<end, replacement: lines.map { indent + $0 }.joined(separator: source.newline))
    }

    func removeFlow(_ pair: (key: Int, value: Int), writing member: String?) throws(Refusal) -> TextEdit {
        let k = tree.nodes[pair.key], v = tree.nodes[pair.value]
        if let member {
            guard source.comments(in: source.span(k.end, v.start)).isEmpty else {
                throw Refusal("a comment lies inside the 'tier' member of \(name)")
            }
            return TextEdit(range: source.span(k.start, v.end), replacement: member)
        }
        let pairs = tree.pairs(value)
        guard let i = pairs.firstIndex(where: { $0.key == pair.key }) else { throw Refusal("the 'tier' of \(name) could not be found") }
        let range: Range<Int>
        let gaps: [Range<Int>]
        if i > 0 {
            let before = tree.nodes[pairs[i - 1].value].end
            range = source.span(before, v.end)
            gaps = [source.span(before, k.start), source.span(k.end, v.start)]
        } else {
            guard pairs.count > 1 else { throw Refusal("'tier' is the only member of the entry for \(name)") }
            let next = tree.nodes[pairs[1].key].start
            range = source.span(k.start, next)
            gaps = [source.span(k.end, v.start), source.span(v.end, next)]
        }
        if gaps.contains(where: { !source.comments(in: $0).isEmpty }) {
            throw Refusal("a comment lies inside the flow mapping of \(name) where 'tier' would be removed")
        }
        return TextEdit(range: range, replacement: "")
    }
}
