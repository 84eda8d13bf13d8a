/// One evaluator with what typed decisions add: rows by table row, built once each.
/// Used by one thread at a time (`CompiledPolicy` keeps a pool of them).
final class Decider {
    let evaluator: Evaluator
    // Used by one thread at a time (the pool's contract): no dynamic exclusivity checks.
    @exclusivity(unchecked) private var rowIndex = RowIndex(limit: Evaluator.cacheLimit)
    /// By `rowIndex`'s row number.
    @exclusivity(unchecked) private(set) var rows: [TypedRow] = []
    /// Counts the times `rows` started over (a row number names the same row while this
    /// stays the same).
    @exclusivity(unchecked) private(set) var rowsGeneration = 0
    private let invalidRow: TypedRow
    /// Whether every cut of the policy (diagrams and rule checks) fits the fast form: then
    /// a plain built action (`Action.Built.plain`) never needs its exact numbers.
    private let cutsFit: Bool
    /// `table.attributes`' paths, split into keys for actions built in Swift.
    private let attributeKeys: [[String]]
    @exclusivity(unchecked) private var scratch: [UInt8] = []

    init(table: DecisionTable, flat: FlatDiagram) {
        evaluator = Evaluator(table: table, flat: flat)
        invalidRow = TypedRow(DecisionRow(invalidFor: table))
        cutsFit = flat.cuts.allSatisfy(\.fits) && flat.predicates.cuts.allSatisfy(\.fits)
        attributeKeys = table.attributes.map { $0.path.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Decides one action: the JSON form through `eval`'s parser, the built form by setting
    /// the same per-action state; then the same walks, validation and rows.
    func decide(_ action: Action) -> Decision {
        let e = evaluator
        switch action.form {
        case .json(let bytes):
            defer { e.clearAction() }
            return bytes.withUnsafeBufferPointer { bytes in
                if let syntax = e.read(line: bytes) {
                    return Decision(id: nil, line: action.line, capability: nil, errors: [FieldError(field: nil, message: syntax)],
                                    row: invalidRow, shown: ShownNumbers())
                }
                let line = e.action.line
                let id = e.action.fields.id.map { ActionID(json: String(decoding: line[$0], as: UTF8.self)) }
                if e.action.fields.capabilityToken == nil {
                    switch ToolCall.read(line, tools: e.table.tools, currency: e.table.currency) {
                    case .notToolCall: break
                    case .invalid(let errors):
                        return Decision(id: id, line: action.line, capability: nil, errors: errors, row: invalidRow, shown: ShownNumbers())
                    case .mapped(let mapped, let errors):
                        e.clearAction()
                        let decision = decide(Action(json: mapped, line: action.line))
                        guard !errors.isEmpty else { return decision }
                        return Decision(id: decision.id, line: action.line, capability: decision.capability,
                                        errors: errors + decision.fieldErrors, row: invalidRow, shown: ShownNumbers())
                    }
                }
                var capability: String?
                if let b = e.action.fields.capabilityBytes { capability = String(decoding: b, as: UTF8.self) }
                else if let r = e.action.fields.capability { capability = String(decoding: line[r], as: UTF8.self) }
                else if e.action.fields.capabilityToken != nil { capability = "" }
                if e.hasShells { e.resolveAllShells() }
                return decideRead(id: id, capability: capability, number: action.line)
            }
        case .built(let b):
            // A plain action needs no validation and no exact numbers: its walk numbers are
            // set directly. Anything else (errors to report, long numbers or cuts, an unknown
            // capability or currency) takes the general path.
            if b.plain, cutsFit, let c = e.index.lookup(b.capability), e.loadPlain(b, attributeKeys: attributeKeys) {
                defer { e.clearPlain() }
                return decideClass(c, id: b.id, capability: b.capability, number: action.line, plain: b)
            }
            defer { e.clearAction() }
            e.load(b, attributeKeys: attributeKeys)
            e.validate()
            return decideRead(id: b.id, capability: b.capability, number: action.line)
        }
    }

    /// The row of the action line the evaluator has scanned (`Evaluator.parse`), decided as
    /// `decide` decides it: its number in `rows`, or nil when the action is invalid. The
    /// action's fields stay set for the caller, who clears them (`Evaluator.clearAction`).
    func rowOfScanned() -> Int? {
        let e = evaluator
        if e.hasShells { e.resolveAllShells() }
        e.validate()
        guard let c = e.validClass() else { return nil }
        e.setNumbers()
        return rowNumber(ofClass: c)
    }

    /// Walks and renders the action the evaluator has read and validated (as `evaluate` does).
    private func decideRead(id: consuming ActionID?, capability: consuming String?, number: Int) -> Decision {
        let e = evaluator
        guard let c = e.validClass() else {
            return Decision(id: id, line: number, capability: e.action.fields.capabilityToken == nil ? nil : capability,
                            errors: e.action.fields.errors, row: invalidRow, shown: ShownNumbers())
        }
        e.setNumbers()
        return decideClass(c, id: id, capability: capability, number: number, plain: nil)
    }

    /// Walks and renders a valid action of class `c` whose walk numbers are set. `plain` is
    /// the built action when it was loaded by `loadPlain` (its numbers are not in `fields`).
    private func decideClass(_ c: Int, id: consuming ActionID?, capability: consuming String?, number: Int, plain: Action.Built?) -> Decision {
        let e = evaluator
        let row = rows[rowNumber(ofClass: c)]
        // A plain action in the policy currency keeps its numbers: the decision shows them
        // as built, with no text made now.
        if let plain, case .none = e.action.amountValue {
            return Decision(id: id, line: number, capability: capability, row: row, quoting: row.quotedFields != 0 ? plain : nil)
        }
        var shown = ShownNumbers()
        if row.quotedFields != 0 {
            for f in e.allNumbers where row.quotedFields & (1 << UInt8(f.rawValue)) != 0 && e.walkNumber(f).state != 0 {
                scratch.removeAll(keepingCapacity: true)
                if let plain {
                    // Converted when foreign (`loadPlain` set `amountValue`), else as built.
                    if f == .amount, let v = e.action.amountValue { v.appendShown(into: &scratch) }
                    else { plain.numbers[f.rawValue]?.appendShown(into: &scratch) }
                } else {
                    e.appendValue(f, into: &scratch)
                }
                shown[f] = String(decoding: scratch, as: UTF8.self)
            }
        }
        return Decision(id: id, line: number, capability: capability, errors: [], row: row, shown: shown)
    }

    /// The row of a valid action of class `c` whose walk numbers are set (walked as
    /// `Evaluator.evaluate` walks it): its number in `rows`, built on first use.
    func rowNumber(ofClass c: Int) -> Int {
        let e = evaluator
        let at = e.locate(classIndex: c)
        let matched = UnsafeBufferPointer(rebasing: e.matched[0..<at.ruleCount])
        let key = at.key
        if let found = rowIndex.find(key, rules: matched) { return found }
        let row = TypedRow(e.table.decisionRow(requirement: e.requirement(a: at.a, b: at.b), rules: matched.map { Int($0) },
                                               assumed: at.assumed, reversibleDefault: key.reversible))
        if rowIndex.insert(key, rules: matched).restarted {
            rows.removeAll(keepingCapacity: true)
            rowsGeneration += 1
        }
        rows.append(row)
        return rows.count - 1
    }
}


extension Evaluator {
    /// Sets the per-action state from an action built in Swift, as the parse would from its
    /// JSON line (the line itself stays empty).
    func load(_ a: Action.Built, attributeKeys: [[String]]) {
        action.fields.capabilityToken = 0..<0
        action.fields.capabilityBytes = a.capabilityUTF8
        if a.capability.isEmpty { error("capability", "must not be empty") }
        // Element by element: sharing the action's array would make the next `reset` copy it.
        for k in 0..<min(a.numbers.count, action.fields.numbers.count) { action.fields.numbers[k] = a.numbers[k] }
        if a.numbers[NumericField.amount.rawValue] != nil {
            if let code = a.currencyUTF8 {
                action.fields.currency = 0..<0
                action.fields.currencyBytes = code
            }
        }
        loadFlags(a, attributeKeys: attributeKeys)
    }

    /// Sets the per-action state from a plain built action (`Action.Built.plain`): its walk
    /// numbers directly, the amount converted when it is in another currency. The caller
    /// checks that every cut of the policy fits the fast form, so nothing reads the exact
    /// numbers `fields` would hold. False, with nothing set, when the amount's currency is
    /// unknown to the policy (the general path reports it).
    func loadPlain(_ a: Action.Built, attributeKeys: [[String]]) -> Bool {
        let amount = NumericField.amount.rawValue
        var converted: ActionNumber?
        if a.walk[amount].state != 0, let code = a.currencyUTF8, code != currency ?? [] {
            // As `validate`: by the rate; unconverted when the policy has no currency (it
            // has no amount rules then); unknown otherwise.
            if let rate = rate(code), let x = a.numbers[amount] { converted = x.multiplied(by: rate) }
            else if currency != nil { return false }
        }
        for f in 0..<numericCount { action.numbers[f] = a.walk[f] }
        if let converted {
            action.numbers[amount] = WalkNumber(converted)
            action.amountValue = converted
        }
        loadFlags(a, attributeKeys: attributeKeys)
        return true
    }

    /// Undoes `loadPlain`.
    func clearPlain() {
        action.clearWalkState()
        action.fields.reversible = nil
        action.fields.hasTags = false
        if action.amountValue != nil { action.amountValue = nil }
    }

    /// `reversible`, tags and attributes of a built action.
    private func loadFlags(_ a: Action.Built, attributeKeys: [[String]]) {
        action.fields.reversible = a.reversible
        if let tags = a.tags {
            action.fields.hasTags = true
            for tag in tags {
                if let k = tag.withBytes({ tagIndex.lookup($0) }) { setTag(k) }
            }
        }
        if a.attributes == nil, hasShells {
            for s in shellWords.indices { setShell(s, present: true) }   // missing: every prefix met
        }
        if let attributes = a.attributes {
            for (k, keys) in attributeKeys.enumerated() {
                choose(k, Int32(Self.attributeChoice(attributes, keys, attributeValues[k])))
                guard !shellsOfAttribute[k].isEmpty else { continue }
                // A string is split once; anything else, or nothing, meets every prefix.
                var split: ShellCommandLine?
                if case .string(let s)? = Self.value(attributes, keys) { split = ShellCommandLine(s) }
                for s in shellsOfAttribute[k] { setShell(s, present: split?.begins(with: shellWords[s]) ?? true) }
            }
        }
    }

    /// The value at a path of a built action's attributes (nil: missing; null counts as missing).
    static func value(_ attributes: [String: Action.Value], _ keys: [String]) -> Action.Value? {
        func member(_ members: [String: Action.Value], _ key: String) -> Action.Value? {
            members.first(where: { $0.key.sameBytes(as: key) })?.value
        }
        guard let first = keys.first, var value = member(attributes, first) else { return nil }
        for key in keys.dropFirst() {
            guard case .object(let members) = value, let next = member(members, key) else { return nil }
            value = next
        }
        if case .null = value { return nil }
        return value
    }

    /// The child an attribute node takes for a typed value (as `attributeChoice` for a line):
    /// a listed value's index, then "other", then "missing". Keys and strings compare by bytes.
    static func attributeChoice(_ attributes: [String: Action.Value], _ keys: [String], _ wanted: [AttributeValue]) -> Int {
        // Down the path from the dictionary itself: wrapping it in an (indirect) `Value`
        // would allocate a box per attribute per decision.
        func member(_ members: [String: Action.Value], _ key: String) -> Action.Value? {
            members.first(where: { $0.key.sameBytes(as: key) })?.value
        }
        guard let first = keys.first else { return wanted.count }   // the whole object: "other"
        guard var value = member(attributes, first) else { return wanted.count + 1 }
        for key in keys.dropFirst() {
            guard case .object(let members) = value, let next = member(members, key) else { return wanted.count + 1 }
            value = next
        }
        switch value {
        case .null: return wanted.count + 1
        case .string(let s):
            for (k, w) in wanted.enumerated() { if case .string(let v) = w, v.sameBytes(as: s) { return k } }
        case .bool(let truth):
            for (k, w) in wanted.enumerated() { if case .bool(let v) = w, v == truth { return k } }
        case .number(let n):
            let x = ActionNumber(exact: n)
            for (k, w) in wanted.enumerated() { if case .number(let v) = w, x.compare(ActionNumber(exact: v)) == 0 { return k } }
        case .object, .array: break
        }
        return wanted.count
    }
}
