extension DecisionTable {
    /// Why the table's diagrams are not the ones its rules and classes compile to (nil when
    /// they are): `eval` walks the diagrams, while `diff` and the reasons of each decision
    /// read the rules, so a table whose two disagree would be read two ways. Compiling the
    /// rules again (as `compile` does, without the YAML front end) and comparing makes the
    /// rules the one reading: a table passes only if its diagrams decide exactly what its
    /// rules say.
    package func diagramsProblem() -> String? {
        var builder = DiagramBuilder(rules: rules)
        builder.limit = TableCompiler.maxNodes
        builder.leafLimit = TableCompiler.maxDecisions
        // The classes say which entry governs which names, and the reversibility assumed.
        let entries = classes.map {
            CapabilityClass(kind: $0.kind, name: $0.name, entryRule: $0.entryRule, reversible: $0.reversible, root: 0, testedFields: 0)
        }
        let index = ClassRuleIndex(rules: rules, classes: entries)
        let rebuilt: [CapabilityClass], root: Int32
        do throws(DiagramTooLarge) {
            rebuilt = try builder.classes(index, diagrams: true)
            root = try builder.build(index.global)
        } catch {
            return "its rules compile to more diagram nodes or decisions than a table may hold; " + Self.edited
        }
        // Names compare as bytes, as evaluation matches them.
        if !tags.sameBytes(as: builder.tags) { return "its tags are not the ones its rules test; " + Self.edited }
        if attributes.count != builder.attributes.count
            || zip(attributes, builder.attributes).contains(where: { !$0.path.sameBytes(as: $1.path) || $0.values != $1.values }) { return "its attributes are not the ones its rules test; " + Self.edited }
        if shells != builder.shells { return "its shell prefixes are not the ones its rules test; " + Self.edited }
        if rebuilt.count != classes.count || zip(rebuilt, classes).contains(where: { $0.kind != $1.kind || !$0.name.sameBytes(as: $1.name) }) {
            return "its classes are not the ones its rules mention; " + Self.edited
        }
        if outcomes != builder.outcomes { return "its outcomes are not what its rules decide; " + Self.edited }
        if nodes != builder.nodes {
            let k = nodes.indices.first { $0 >= builder.nodes.count || nodes[$0] != builder.nodes[$0] } ?? nodes.count
            return "its diagram node \(k) is not what its rules compile to; " + Self.edited
        }
        for (mine, theirs) in zip(classes, rebuilt) where mine != theirs {
            return "the diagram of class \(mine.label.prefix(64)) is not what its rules compile to "
                + "(root \(mine.root), tested fields \(mine.testedFields); its rules give \(theirs.root), \(theirs.testedFields)); " + Self.edited
        }
        if globalRoot != root || globalTestedFields != builder.testedFields(index.global) {
            return "the shared diagram is not what its rules compile to; " + Self.edited
        }
        return nil
    }

    /// The end of each `diagramsProblem` message.
    static let edited = "the table was edited after `hitl-policy compile` wrote it: " + recompile
}
