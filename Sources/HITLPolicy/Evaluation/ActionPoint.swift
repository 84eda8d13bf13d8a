/// An action as a table sees it: the point of the action space its decision depends on —
/// the capability class, each numeric field's value (the amount in the policy currency),
/// effective reversibility, which tags it carries and each attribute's choice. Read by the
/// evaluator's one reader (`Evaluator.point(json:)`); placed in a row by
/// `TableRegion.contains(_:)`. `eval`'s hot path keeps the same facts in the evaluator's
/// reused buffers instead of building this value.
package struct ActionPoint: Sendable {
    /// The capability class (an index into the table's classes).
    package var classIndex: Int
    /// Each numeric field's value by `NumericField.rawValue` (nil: the action lacks it).
    package var numbers: [ExactDecimal?]
    /// Effective reversibility: as sent, else the class's default.
    package var reversible: Bool
    /// Whether the action sent `reversible`.
    package var reversibleSent: Bool
    /// Tag presence, by the table's tag number.
    package var tags: [Bool]
    /// Attribute choices, by the table's attribute number: a listed value's index, then
    /// "other", then "missing".
    package var attributes: [Int]
    /// Shell prefix presence, by the table's shell number.
    package var shells: [Bool] = []
    /// The amount as sent, before conversion, and its currency code (nil: a plain number).
    package var sentAmount: (value: ExactDecimal, currency: String?)?
    /// For a tool-call line, the action its `tools:` mapping made (nil: an action line).
    package var toolAction: [UInt8]?

    /// A numeric field's value (nil: missing).
    package subscript(_ f: NumericField) -> ExactDecimal? { numbers[f.rawValue] }
}

extension TableRegion {
    /// Whether the point lies in the region: the one containment check (row lookup, test
    /// coverage). `reversibleMissing` (diff's two-policy regions) is not consulted.
    package func contains(_ p: ActionPoint) -> Bool {
        for (f, span) in numeric where !span.contains(p[f]) { return false }
        if let r = reversible, r != p.reversible { return false }
        for (t, present) in tags where !(p.tags.indices.contains(t) && p.tags[t] == present) { return false }
        for (a, choice) in attributes where !(p.attributes.indices.contains(a) && p.attributes[a] == choice) { return false }
        for (s, present) in shells where !(p.shells.indices.contains(s) && p.shells[s] == present) { return false }
        return true
    }
}

extension Evaluator {
    /// The point of a JSON action line; nil when the action is invalid (as `eval` would
    /// decide it: not JSON, bad fields, or no class covers its capability).
    package func point(json bytes: UnsafeBufferPointer<UInt8>) -> ActionPoint? {
        defer { clearAction() }
        if read(line: bytes) != nil { return nil }
        // A tool-call line (SPEC §11) lies where the action its mapping makes lies.
        if action.fields.capabilityToken == nil,
           case .mapped(let mapped, let errors) = ToolCall.read(action.line, tools: table.tools, currency: table.currency) {
            guard errors.isEmpty else { return nil }
            clearAction()
            var p = mapped.withUnsafeBufferPointer { point(json: $0) }
            p?.toolAction = mapped
            return p
        }
        guard action.fields.errors.isEmpty, let c = classOfAction() else { return nil }
        if hasShells { resolveAllShells() }
        let code = action.fields.currency.map { r in
            action.fields.currencyBytes.map { String(decoding: $0, as: UTF8.self) }
                ?? String(decoding: UnsafeBufferPointer(rebasing: action.line[r]), as: UTF8.self)
        }
        return ActionPoint(classIndex: c, numbers: allNumbers.map { value(of: $0)?.exact },
                           reversible: action.fields.reversible ?? table.classes[c].reversible, reversibleSent: action.fields.reversible != nil,
                           tags: (0..<table.tags.count).map { action.tagPresent[$0] },
                           attributes: (0..<table.attributes.count).map { attributeChoice($0) },
                           shells: (0..<table.shells.count).map { shellPresent($0) },
                           sentAmount: action.fields.amount.map { ($0.exact, code) })
    }
}
