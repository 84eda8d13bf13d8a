/// A capability no exact entry names: changing the pattern or `defaults` that governs it
/// would move every other name they govern, so the rewrite adds an exact entry for this one
/// name instead.
extension RewritePlanner {
    /// A name governed by a pattern entry: a copy of that entry's text under the exact name
    /// (right after it, so they read together), moved one rung. Everything else the pattern
    /// says (tier, bands, reversibility, description) is copied byte for byte, so the name's
    /// decisions differ only by the step. An entry with anchors or aliases is not copied:
    /// a second `&name` would change what later aliases refer to.
    func copyPattern(_ patternKey: String, for change: StageChange) throws(Refusal) -> [TextEdit] {
        let name = change.capability
        guard let caps = capabilities, tree.nodes[caps.value].kind == .mapping,
              let entry = pair(caps.value, patternKey) else {
            throw Refusal("the pattern entry \(quoted(patternKey)) that governs \(quoted(name)) could not be found in the text")
        }
        if tree.subtree(entry.value).contains(where: { tree.nodes[$0].anchor != nil || tree.nodes[$0].kind == .alias })
            || tree.nodes[entry.key].kind == .alias {
            throw Refusal("\(quoted(name)) is governed by the pattern \(quoted(patternKey)), whose entry uses anchors or aliases; copying it for \(quoted(name)) alone could change what they refer to, so add an entry for \(quoted(name)) by hand")
        }
        let key = try keyText(name)
        let k = tree.nodes[entry.key], v = tree.nodes[entry.value]
        let copy = key + text(source.span(k.end, v.end))
        let insertion: TextEdit
        if tree.nodes[caps.value].flow {
            insertion = .insert(", " + copy, at: v.end)
        } else {
            guard let indent = source.indentation(of: k.start) else {
                throw Refusal("the pattern entry \(quoted(patternKey)) does not start its own line")
            }
            insertion = insertLine(indent + copy, at: source.lineEnd(after: v.end))
        }
        // Move the copy as an exact entry of the text that holds it; every edit must fall
        // inside the copy.
        let copied = TextEdit.apply([insertion], to: bytes)
        let loaded = PolicyLoader.load(copied, file: file)
        guard let policy = loaded.policy, !loaded.hasErrors, case .exact? = policy.entry(for: name)?.pattern else {
            throw Refusal("a copy of the pattern entry \(quoted(patternKey)) for \(quoted(name)) did not read back as an exact entry")
        }
        let inner = RewritePlanner(bytes: copied, tree: YAMLSpanTree.read(copied), policy: policy, file: file)
        let edits = try inner.editExact(change)
        let low = insertion.range.lowerBound, high = low + insertion.replacement.utf8.count
        guard edits.allSatisfy({ $0.range.lowerBound >= low && $0.range.upperBound <= high }) else {
            throw Refusal("moving the copy of \(quoted(patternKey)) for \(quoted(name)) would edit outside the copy")
        }
        let local = edits.map { TextEdit(range: ($0.range.lowerBound - low)..<($0.range.upperBound - low), replacement: $0.replacement) }
        let moved = TextEdit.apply(local, to: Array(insertion.replacement.utf8))
        return [.insert(String(decoding: moved, as: UTF8.self), at: low)]
    }

    /// A name only `defaults.stage` governs (approval or autonomous, never with review): an
    /// exact entry `NAME: {stage: autonomous, review: true}`, the one rung a step from either
    /// reaches. It has no tier, bands or reversibility, as `defaults` has none. Added as the
    /// last entry of `capabilities`, or as a new `capabilities` section at the end of the
    /// file when there is none.
    func addEntry(_ change: StageChange) throws(Refusal) -> [TextEdit] {
        guard change.to == .review else {
            throw Refusal("\(quoted(change.capability)) follows defaults.stage, which cannot move to \(change.to.phrase) in one step")
        }
        let member = try keyText(change.capability) + ": {stage: autonomous, review: true}"
        guard let root else { throw Refusal("the policy is not a mapping") }
        guard let caps = capabilities else {
            let r = tree.nodes[root]
            if r.flow {
                guard let last = tree.pairs(root).last else { throw Refusal("the policy mapping is empty") }
                return [.insert(", capabilities: {\(member)}", at: tree.nodes[last.value].end)]
            }
            let end = source.lineEnd(after: r.end)
            return [insertLine("capabilities:" + source.newline + indentUnit + member, at: end)]
        }
        guard tree.nodes[caps.value].kind == .mapping else { throw Refusal("'capabilities' is not a mapping") }
        return [try appendMember(member, to: caps.value)]
    }

    /// `name` as a key, or why it cannot be one.
    func keyText(_ name: String) throws(Refusal) -> String {
        guard let key = YAMLWriting.key(name) else {
            throw Refusal("the name \(quoted(String(name.prefix(40))))… is too long to write as a YAML key")
        }
        return key
    }

    /// The file's indentation step: how much deeper the first nested block mapping under a
    /// top-level key is indented (2 when there is none).
    var indentUnit: String {
        guard let root, !tree.nodes[root].flow else { return "  " }
        for p in tree.pairs(root) {
            let v = tree.nodes[p.value]
            guard v.kind == .mapping, !v.flow, let first = tree.pairs(p.value).first,
                  let outer = source.indentation(of: tree.nodes[p.key].start),
                  let inner = source.indentation(of: tree.nodes[first.key].start),
                  inner.count > outer.count else { continue }
            return String(repeating: " ", count: inner.count - outer.count)
        }
        return "  "
    }
}
