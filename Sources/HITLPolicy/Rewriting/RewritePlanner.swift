/// Plans the text edits of one `StageChange` against one policy text: finds the entry that
/// governs the capability today and says which bytes to replace, or why it will not.
///
/// The plan is only a proposal: `PolicyRewriter` applies it and checks the result by
/// meaning before keeping it.
struct RewritePlanner {
    /// Why a change is not made: one plain sentence.
    struct Refusal: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    let source: SourceText
    let tree: YAMLSpanTree
    let policy: Policy
    /// The file name, for loading the intermediate text of a copied entry.
    let file: String

    init(bytes: [UInt8], tree: YAMLSpanTree, policy: Policy, file: String) {
        source = SourceText(bytes)
        self.tree = tree
        self.policy = policy
        self.file = file
    }

    var bytes: [UInt8] { source.bytes }

    /// The root mapping.
    var root: Int? { tree.root.flatMap { tree.nodes[$0].kind == .mapping ? $0 : nil } }

    /// The `capabilities` value, if written.
    var capabilities: (key: Int, value: Int)? { root.flatMap { tree.pair($0, "capabilities") } }

    /// The edits that make `change`, against this text.
    func plan(_ change: StageChange) throws(Refusal) -> [TextEdit] {
        let name = change.capability
        if change.from == change.to {
            throw Refusal("it moves \(quoted(name)) from \(change.from.phrase) to the same rung, which changes nothing")
        }
        if abs(change.to.position - change.from.position) != 1 {
            throw Refusal("it moves \(quoted(name)) two rungs at once (\(change.from.phrase) to \(change.to.phrase)); the ladder is climbed one step at a time, through autonomous with review")
        }
        if name.isEmpty { throw Refusal("the capability name is empty") }
        if name.unicodeScalars.contains("*") {
            throw Refusal("the name \(quoted(name)) contains '*', and a capability key with '*' is a pattern or an error, never that exact name")
        }
        let entry = policy.entry(for: name)
        let governing = entry.map { "capabilities.\($0.pattern)" } ?? "defaults.stage"
        let stage = entry?.stage ?? policy.defaults.stage
        guard let current = AutonomyStep(stage: stage, review: entry?.review ?? false) else {
            throw Refusal("the policy disables \(quoted(name)) (\(governing)); suggest moves capabilities along the autonomy ladder and never enables one")
        }
        if current != change.from {
            throw Refusal("the policy no longer says \(quoted(name)) is \(change.from.phrase): \(governing) makes it \(current.phrase)")
        }
        if change.to == .approval && policy.tiers.isEmpty {
            throw Refusal("demoting \(quoted(name)) to approval needs a tier that does not exist: the policy defines no tiers")
        }
        switch entry?.pattern {
        case .exact?: return try editExact(change)
        case .prefix(let prefix)?: return try copyPattern(prefix + "*", for: change)
        case nil: return try addEntry(change)
        }
    }

    /// The edits to the exact entry for `change.capability`.
    func editExact(_ change: StageChange) throws(Refusal) -> [TextEdit] {
        guard let caps = capabilities, tree.nodes[caps.value].kind == .mapping,
              let pair = pair(caps.value, change.capability) else {
            throw Refusal("the entry for \(quoted(change.capability)) could not be found in the text")
        }
        return try EntryEditor(planner: self, key: pair.key, value: pair.value, change: change).edits()
    }

    /// The pair of `mapping` whose key (through an alias, its target) reads `key`.
    func pair(_ mapping: Int, _ key: String) -> (key: Int, value: Int)? {
        tree.pairs(mapping).first { p in
            let k = tree.nodes[p.key].target ?? p.key
            return tree.nodes[k].kind == .scalar && tree.nodes[k].text.utf8.elementsEqual(key.utf8)
        }
    }

    /// The first node of `nodes` whose anchor an alias repeats.
    func repeated(_ nodes: [Int]) -> String? {
        nodes.first { tree.nodes[$0].aliased }.map { "&" + (tree.nodes[$0].anchor ?? "") }
    }

    func quoted(_ name: String) -> String { "'\(name)'" }

    func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    /// Inserts `member` (`key: value`, one line) as the last entry of `mapping`, after the
    /// last entry's lines in a block mapping (at the indentation of its key) or before the
    /// closing brace of a flow mapping.
    func appendMember(_ member: String, to mapping: Int) throws(Refusal) -> TextEdit {
        let m = tree.nodes[mapping]
        guard let last = tree.pairs(mapping).last else {
            guard m.flow else { throw Refusal("the mapping to add to is empty") }
            return .insert(member, at: m.start + 1)
        }
        let end = tree.nodes[last.value].end
        if m.flow { return .insert(", " + member, at: end) }
        guard let indent = source.indentation(of: tree.nodes[last.key].start) else {
            throw Refusal("the entry before the place to add to does not start its own line")
        }
        return insertLine(indent + member, at: source.lineEnd(after: end))
    }

    /// Inserts `line` as a whole line at `offset` (a line start, or the end of a text whose
    /// last line has no break: then the break goes first, and the text still ends unbroken).
    func insertLine(_ line: String, at offset: Int) -> TextEdit {
        source.endsUnbroken(at: offset) ? .insert(source.newline + line, at: offset) : .insert(line + source.newline, at: offset)
    }
}
