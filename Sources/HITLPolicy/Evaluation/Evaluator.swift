/// Decides actions against a `DecisionTable`, one line at a time.
///
/// The common path allocates nothing: the line is scanned in place, each diagram is walked
/// from its root to a leaf, and the decision is copied from a template rendered once per
/// row (a bounded cache). Invalid actions and `--explain` output are rendered on demand.
package final class Evaluator {
    /// The table.
    package let table: DecisionTable
    /// Adds the matched row and every consulted rule to each decision. (Read per node by
    /// the walk: no dynamic exclusivity check; it is set before deciding starts.)
    @exclusivity(unchecked) package var explain = false

    let index: ClassIndex
    let flat: FlatDiagram
    // Copies of `flat`'s buffers, so the walk reads them without touching `flat`.
    let nodeKind: UnsafeMutableBufferPointer<UInt8>
    let nodeArg: UnsafeMutableBufferPointer<Int32>
    let nodeChildren: UnsafeMutableBufferPointer<Int32>
    let nodeChildCount: UnsafeMutableBufferPointer<Int32>
    let children: UnsafeMutableBufferPointer<Int32>
    let nodeCuts: UnsafeMutableBufferPointer<Int32>
    let nodeCutCount: UnsafeMutableBufferPointer<Int32>
    let cuts: UnsafeMutableBufferPointer<FastCut>
    let tagIndex: ByteTable
    let attributePaths: [[[UInt8]]]
    let attributeValues: [[AttributeValue]]
    /// Per attribute: the choice that means missing (its listed values, then other, then missing).
    let attributeMissing: UnsafeMutableBufferPointer<Int32>
    /// Exchange rates: the currency code's bytes to an index into `rateValues`.
    let rateIndex: ByteTable
    let rateValues: [ActionNumber]
    let currency: [UInt8]?
    let knownCurrencies: String
    /// The action field names.
    let keys = ActionKeys.shared
    /// Each numeric field's maximum (`NumericField.Spec.maximum`).
    let numberMaxima = ActionNumber.maxima
    /// Whether each numeric field takes whole numbers only (`NumericField.Spec.whole`).
    let wholeNumbers = ActionNumber.wholeOnly
    /// The numeric fields other than `amount` (which currencies and rates check).
    let otherNumbers: [NumericField] = NumericField.allCases.filter { $0 != .amount }
    /// Every numeric field, once (not `allCases` per action).
    let allNumbers: [NumericField] = NumericField.allCases
    // Registry constants read once: a static `let` costs a `swift_once` call per use.
    let numericCount = NumericField.count
    let reversibleBit = ActionFieldMask.reversible
    let tagsBit = ActionFieldMask.tags
    let firstAttributeBit = UInt64(ActionFieldMask.firstAttribute)
    let globalTested: UInt64
    let globalRoot: Int32
    let predicates: RulePredicates
    // Copies of `predicates`' buffers, read like the walk's.
    let checkStart: UnsafeMutableBufferPointer<Int32>
    let checks: UnsafeMutableBufferPointer<RulePredicates.Check>
    let ruleCuts: UnsafeMutableBufferPointer<FastCut>
    let anyTags: UnsafeMutableBufferPointer<Int32>
    let allowedChoices: UnsafeMutableBufferPointer<Bool>
    let candidateStart: UnsafeMutableBufferPointer<Int32>
    let candidates: UnsafeMutableBufferPointer<Int32>
    let candidateChecks: UnsafeMutableBufferPointer<Int32>
    /// The rules `matchRules` found for the action being decided.
    let matched: UnsafeMutableBufferPointer<Int32>

    /// The action being decided (reset by `clearAction`).
    @exclusivity(unchecked) var action: EvaluatedAction
    /// Per shell prefix (`table.shells`): its attribute, its words.
    let shellAttribute: [Int]
    let shellWords: [[String]]
    /// Per attribute: the shell prefixes tested on it.
    let shellsOfAttribute: [[Int]]
    /// Where the shell prefixes' presence starts in `tagPresent` (every prefix is set before
    /// each walk, so nothing is left from the previous action).
    let shellBase: Int
    /// Whether the table has shell prefixes.
    let hasShells: Bool

    @exclusivity(unchecked) var cache = TemplateCache(limit: Evaluator.cacheLimit)
    @exclusivity(unchecked) var keyScratch: [Int] = []
    static let cacheLimit = 16_384

    /// Prepares a table for evaluation. The table must pass `validate()`.
    package convenience init(table: DecisionTable) {
        self.init(table: table, flat: FlatDiagram(table))
    }

    /// An evaluator sharing another's prepared table (one per thread).
    convenience init(sharing other: Evaluator) {
        self.init(table: other.table, flat: other.flat)
        explain = other.explain
    }

    init(table: DecisionTable, flat: FlatDiagram) {
        self.table = table
        self.flat = flat
        index = ClassIndex(table.classes)
        nodeKind = flat.kind; nodeArg = flat.arg; nodeChildren = flat.childStart; nodeChildCount = flat.childCount
        children = flat.children; nodeCuts = flat.cutStart; nodeCutCount = flat.cutCount; cuts = flat.cuts
        tagIndex = ByteTable(table.tags.enumerated().map { (Array($0.element.utf8), $0.offset) })
        attributePaths = table.attributes.map { a in a.path.split(separator: ".", omittingEmptySubsequences: false).map { Array($0.utf8) } }
        attributeValues = table.attributes.map(\.values)
        attributeMissing = .allocate(capacity: max(table.attributes.count, 1))
        attributeMissing.initialize(repeating: 0)
        for (k, a) in table.attributes.enumerated() { attributeMissing[k] = Int32(a.values.count + 1) }
        shellAttribute = table.shells.map(\.attribute)
        shellWords = table.shells.map(\.words)
        shellsOfAttribute = table.attributes.indices.map { a in table.shells.indices.filter { table.shells[$0].attribute == a } }
        shellBase = table.tags.count
        hasShells = !table.shells.isEmpty
        rateIndex = ByteTable(table.exchangeRates.enumerated().map { (Array($0.element.currency.utf8), $0.offset) })
        rateValues = table.exchangeRates.map { ActionNumber(exact: $0.rate) }
        currency = table.currency.map { Array($0.utf8) }
        knownCurrencies = ([table.currency].compactMap { $0 } + table.exchangeRates.map(\.currency)).joined(separator: ", ")
        globalTested = table.globalTestedFields
        globalRoot = table.globalRoot
        predicates = flat.predicates
        checkStart = predicates.checkStart; checks = predicates.checks; ruleCuts = predicates.cuts
        anyTags = predicates.anyTags; allowedChoices = predicates.allowed
        candidateStart = predicates.classStart; candidates = predicates.candidates
        candidateChecks = predicates.candidateChecks
        matched = .allocate(capacity: max(predicates.maxCandidates, 1))
        matched.initialize(repeating: 0)
        action = EvaluatedAction(tags: table.tags.count, shells: table.shells.count, attributes: table.attributes.count)
    }

    deinit {
        action.deallocate()
        matched.deallocate()
        attributeMissing.deallocate()
    }

    /// Evaluates one non-blank line (1-based `number`) and appends its decision line to `out`:
    /// the one reader (`read`), the one decider (`locate`), the decision line's writer.
    /// A leading UTF-8 byte order mark is skipped.
    /// A tool-call line (`{"tool": …, "args": …}`, SPEC §11) is decided as the action the
    /// table's `tools` mapping makes of it.
    @discardableResult
    package func evaluate(line bytes: UnsafeBufferPointer<UInt8>, number: Int, into out: inout [UInt8]) -> Verdict {
        defer { clearAction() }
        if let syntax = read(line: bytes) {
            renderInvalid([FieldError(field: nil, message: syntax)], number: number, withFields: false, into: &out)
            return .invalid
        }
        if action.fields.capabilityToken == nil, let verdict = evaluateToolCall(number: number, into: &out) { return verdict }
        guard let c = validClass() else {
            renderInvalid(action.fields.errors, number: number, withFields: true, into: &out)
            return .invalid
        }
        setNumbers()
        if hasShells { resolveAllShells() }
        let at = locate(classIndex: c)
        let rules = UnsafeBufferPointer(rebasing: matched[0..<at.ruleCount])

        DecisionJSON.appendHead(id: action.fields.id.map { UnsafeBufferPointer(rebasing: action.line[$0]) }, line: number, into: &out)
        appendCapability(into: &out)
        out.append(0x2C)
        let e = cache.find(at.key, rules: rules)
            ?? cache.insert(at.key, rules: rules, table.template(requirement: requirement(a: at.a, b: at.b), rules: rules.map { Int($0) },
                                                                 assumed: at.assumed, reversibleDefault: at.key.reversible))
        let verdict = appendCached(e, into: &out)
        if explain {
            out.removeLast(2)   // "}\n"
            out.append(contentsOf: ",\"explain\":".utf8)
            appendExplanation(classIndex: c, reversible: at.reversible, outcomes: [at.a, at.b],
                              paths: [Array(action.path[..<at.split]), Array(action.path[at.split...])], into: &out)
            out.append(contentsOf: "}\n".utf8)
        }
        return verdict
    }

    /// The one reader of action lines: sets `action` from `bytes` (a leading byte order mark
    /// skipped), scanning it and, when it is a JSON object, checking its fields against the
    /// SPEC (`validate`: errors recorded, the amount converted). Returns why the line is no
    /// action object (its decision is `invalid`, with no fields), else nil. The caller decides
    /// and then forgets the action (`clearAction`).
    @inline(__always) func read(line bytes: UnsafeBufferPointer<UInt8>) -> String? {
        action.line = ByteOrderMark.dropping(bytes)
        if let syntax = parse() { return syntax }
        validate()
        return nil
    }

    /// The class of the action read, when it is valid; else nil, with the errors in
    /// `action.fields.errors` (a capability no class covers is one).
    @inline(__always) func validClass() -> Int? {
        guard action.fields.errors.isEmpty else { return nil }
        if let c = classOfAction() { return c }
        action.fields.errors.append(FieldError(field: "capability", message: "no table row covers this capability"))
        return nil
    }

    /// Where the decider puts an action: `key` holds the leaves of both walks, what was
    /// assumed and the matched rules (in `matched`, `ruleCount` of them), and fixes the
    /// decision's row.
    struct Location {
        /// What fixes the decision's row (the template cache's and the typed rows' key).
        var key: TemplateCache.Key
        /// Effective reversibility (as sent, else the class's default).
        var reversible: Bool
        /// Where the shared diagram's steps start in `action.path` (with `explain`).
        var split: Int
        /// The leaves reached in the class's diagram and in the shared one.
        var a: Int32 { key.a }
        var b: Int32 { key.b }
        /// Bits of the tested fields the action lacks (`ActionFieldMask`).
        var assumed: UInt64 { key.assumed }
        /// How many rules match.
        var ruleCount: Int { Int(key.ruleCount) }
    }

    /// The one decider: walks a valid action of class `c` whose walk numbers are set
    /// (`setNumbers`, or a built action's load) through both diagrams and matches its rules.
    @inline(__always) func locate(classIndex c: Int) -> Location {
        let classReversible = flat.classReversible[c]
        let reversible = action.fields.reversible ?? classReversible
        if explain { action.path.removeAll(keepingCapacity: true) }   // only `explain` records the path
        let a = walk(flat.classRoot[c], reversible: reversible)
        let split = action.path.count
        let b = walk(globalRoot, reversible: reversible)
        let assumed = missingMask(tested: flat.classTested[c] | globalTested)
        let (ruleCount, ruleHash) = matchRules(classIndex: c, reversible: reversible)
        return Location(key: TemplateCache.Key(a: a, b: b, assumed: assumed, reversible: classReversible, rules: ruleHash,
                                               ruleCount: Int32(ruleCount)),
                        reversible: reversible, split: split)
    }

    /// Copies a cached template, splicing in the action's numbers.
    func appendCached(_ e: Int, into out: inout [UInt8]) -> Verdict {
        let entry = cache.entries[e]
        let parts = cache.parts.slice(entry.firstPart..<(entry.firstPart + entry.partCount))
        for p in parts {
            if p.field < 0 { out.append(contentsOf: cache.bytes.slice(p.before)); continue }
            let f = NumericField(rawValue: Int(p.field)) ?? .amount
            if action.numbers[f.rawValue].state != 0 {
                out.append(contentsOf: cache.bytes.slice(p.before))
                appendValue(f, into: &out)
                out.append(contentsOf: cache.bytes.slice(p.after))
            } else {
                out.append(contentsOf: cache.bytes.slice(p.missing))
            }
        }
        return entry.verdict
    }

    /// The action's `id` exactly as sent: its JSON text, escapes included, so that two
    /// different ids never share an echo (decoding would turn every lone surrogate into
    /// U+FFFD). The parse has validated it as a JSON string or number.
    func appendID(into out: inout [UInt8]) {
        guard let id = action.fields.id else { return }
        out.append(contentsOf: action.line[id])
    }

    /// The capability as sent (re-encoded when it had escapes).
    func appendCapability(into out: inout [UInt8]) {
        if let bytes = action.fields.capabilityBytes { out.appendJSONString(bytes: bytes) }
        else if let t = action.fields.capabilityToken { out.append(contentsOf: action.line[t]) }
    }

    /// Forgets the action just decided.
    func clearAction() { action.clear() }

    /// Sets attribute `a`'s choice for the action (it was not set).
    @inline(__always) func choose(_ a: Int, _ choice: Int32) { action.choose(a, choice) }

    /// Marks tag number `t` present.
    @inline(__always) func setTag(_ t: Int) { action.setTag(t) }

    /// Appends a numeric field's value as the decision shows it: the literal as sent, or
    /// the exact converted amount for a foreign currency; in bounded text either way (a
    /// literal longer than `ActionNumber.maxShownLength` is shown by `appendShown`), so a
    /// short line never makes a long decision.
    func appendValue(_ f: NumericField, into out: inout [UInt8]) {
        if f != .amount { appendLiteral(action.fields.numberTexts[f.rawValue], action.fields.numbers[f.rawValue], into: &out) }
        else if currencyIsPolicy { appendLiteral(action.fields.amountText, action.amountValue, into: &out) }
        else { action.amountValue?.appendShown(into: &out) }
    }

    /// A number's literal text when it is short, else its value in bounded text.
    func appendLiteral(_ text: Range<Int>?, _ value: ActionNumber?, into out: inout [UInt8]) {
        if let t = text, t.count <= ActionNumber.maxShownLength { out.append(contentsOf: action.line[t]) }
        else if let value {
            if value.hasMinusSign, value.isZero { out.append(0x2D) }
            value.appendShown(into: &out)
        }
    }

    /// `appendLiteral` as a string (for messages).
    func literalText(_ text: Range<Int>?, _ value: ActionNumber) -> String {
        var b: [UInt8] = []
        appendLiteral(text, value, into: &b)
        return String(decoding: b, as: UTF8.self)
    }

    /// The exchange rate of a currency code, if the policy has one.
    func rate(_ code: [UInt8]) -> ActionNumber? {
        code.withUnsafeBufferPointer { rateIndex.lookup($0) }.map { rateValues[$0] }
    }

    var currencyIsPolicy: Bool {
        guard let c = action.fields.currency else { return true }
        if let bytes = action.fields.currencyBytes { return bytes == currency ?? [] }
        return currency.map { action.line[c].elementsEqual($0) } ?? true
    }

    func classOfAction() -> Int? {
        if let bytes = action.fields.capabilityBytes { return bytes.withUnsafeBufferPointer { index.lookup($0) } }
        guard let r = action.fields.capability else { return nil }
        return index.lookup(UnsafeBufferPointer(rebasing: action.line[r]))
    }

    @inline(__always) func walkNumber(_ f: NumericField) -> WalkNumber { action.numbers[f.rawValue] }

    /// Sets `numbers` from the validated action (the amount in the policy currency).
    func setNumbers() {
        for f in allNumbers { action.numbers[f.rawValue] = WalkNumber(value(of: f)) }
    }

    /// Walks one diagram; returns the outcome number. With `explain`, appends each step
    /// (node, child) to `path`.
    func walk(_ root: Int32, reversible: Bool) -> Int32 {
        var ref = root
        while ref >= 0 {
            let n = Int(ref)
            let child: Int
            let kind = nodeKind[n]
            switch kind {
            case FlatDiagram.numeric:
                let f = Int(nodeArg[n])
                let x = action.numbers[f]
                if x.state == 0 {
                    child = Int(nodeChildCount[n]) - 1
                } else {
                    let first = Int(nodeCuts[n])
                    var lo = 0, hi = Int(nodeCutCount[n])
                    while lo < hi {
                        let mid = (lo + hi) >> 1
                        let cut = cuts[first + mid]
                        let below = x.state == 1 && cut.fits ? cut.isBelow(fast: x) : slowIsBelow(cut, f)
                        if below { lo = mid + 1 } else { hi = mid }
                    }
                    child = lo
                }
            case 3: child = reversible ? 1 : 0
            case 4: child = action.tagPresent[Int(nodeArg[n])] ? 1 : 0
            // Attribute (5) or shell prefix (6): one switch case, as before shells, so the
            // walk of tables without them is unchanged.
            // (FlatDiagram: a shell node is an attribute node with a negative argument.)
            default:
                let arg = nodeArg[n]
                child = arg >= 0 ? attributeChoice(Int(arg)) : shellChild(~arg)
            }
            if explain { action.path.append((n, child)) }
            ref = children[Int(nodeChildren[n]) + child]
        }
        return -ref - 1
    }

    /// A comparison the fast form cannot make: long or negative numbers, or long cuts.
    func slowIsBelow(_ cut: FastCut, _ f: Int) -> Bool {
        guard let x = value(of: NumericField(rawValue: f) ?? .amount) else { return false }
        return flat.exactCuts.withUnsafeBufferPointer { cut.isBelow(x, $0) }
    }

    @inline(__always) func value(of f: NumericField) -> ActionNumber? {
        f == .amount ? action.amountValue : action.fields.numbers[f.rawValue]
    }

    /// Bits of fields the action lacks among those `tested` (`numbers` must be set).
    func missingMask(tested: UInt64) -> UInt64 {
        var m: UInt64 = 0
        // From `numbers` (set before this is called): comparing the optional numbers with nil
        // copies and destroys them through generic code, twice per action.
        for f in 0..<numericCount where action.numbers[f].state == 0 { m |= 1 << UInt64(f) }
        if action.fields.reversible == nil { m |= reversibleBit }
        if !action.fields.hasTags { m |= tagsBit }
        m &= tested
        if tested >> firstAttributeBit != 0 {
            // Without an `attributes` object (and no choice set, as a built action sets them
            // all) every attribute is missing: no need to look.
            let none = action.fields.attributes == nil
            for a in 0..<attributeValues.count {
                let bit: UInt64 = 1 << min(UInt64(a) + firstAttributeBit, 63)   // ActionFieldMask.attribute(a)
                guard tested & bit != 0 else { continue }
                let known = action.attributeChoices[a], missing = attributeMissing[a]
                let choice = known >= 0 ? known : none ? missing : Int32(attributeChoice(a))
                if choice == missing { m |= bit }
            }
        }
        return m
    }
}
