/// Decides actions against a `DecisionTable`, one line at a time.
///
/// The common path allocates nothing: the line is scanned in place, each diagram is walked
/// from its root to a leaf, and the decision is copied from a template rendered once per
/// row (a bounded cache). Invalid actions and `--explain` output are rendered on demand.
public final class Evaluator {
    /// The table.
    public let table: DecisionTable
    /// Adds the matched row and every consulted rule to each decision.
    public var explain = false

    let index: ClassIndex
    // The diagram, flattened into plain arrays for the walk.
    let nodeKind: [UInt8]          // 0-2 numeric field, 3 reversible, 4 tag, 5 attribute
    let nodeArg: [Int32]           // tag or attribute number
    let nodeChildren: [Int32]      // start of the node's children in `children`
    let nodeChildCount: [Int32]
    let children: [Int32]
    let nodeCuts: [Int32]          // start of the node's cuts in `cuts`
    let nodeCutCount: [Int32]
    let cuts: [FastCut]
    let exactCuts: [ExactDecimal]
    let tagIndex: ByteTable
    let attributePaths: [[[UInt8]]]
    let attributeValues: [[AttributeValue]]
    let rates: [[UInt8]: ActionNumber]
    let currency: [UInt8]?
    let knownCurrencies: String

    @exclusivity(unchecked) var fields = ActionFields()
    @exclusivity(unchecked) var amountValue: ActionNumber?
    @exclusivity(unchecked) var tagPresent: [Bool]
    @exclusivity(unchecked) var tagsSet: [Int] = []
    @exclusivity(unchecked) var attributeTree: JSONValue?
    @exclusivity(unchecked) var attributeTreeParsed = false
    @exclusivity(unchecked) var line = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

    struct CacheKey: Hashable {
        var a: Int32
        var b: Int32
        var assumed: UInt64
        var reversible: Bool
    }

    @exclusivity(unchecked) var cache: [CacheKey: DecisionTemplate] = [:]
    @exclusivity(unchecked) var keyScratch: [Int] = []
    static let cacheLimit = 65_536

    /// Prepares a table for evaluation. The table must pass `validate()`.
    public init(table: DecisionTable) {
        self.table = table
        index = ClassIndex(table.classes)
        var kind: [UInt8] = [], arg: [Int32] = [], childStart: [Int32] = [], childCount: [Int32] = []
        var kids: [Int32] = [], cutStart: [Int32] = [], cutCount: [Int32] = [], fast: [FastCut] = [], exact: [ExactDecimal] = []
        for node in table.nodes {
            switch node.test {
            case .numeric(let f): kind.append(UInt8(f.rawValue)); arg.append(0)
            case .reversible: kind.append(3); arg.append(0)
            case .tag(let t): kind.append(4); arg.append(Int32(t))
            case .attribute(let a): kind.append(5); arg.append(Int32(a))
            }
            childStart.append(Int32(kids.count))
            childCount.append(Int32(node.children.count))
            kids += node.children
            cutStart.append(Int32(fast.count))
            cutCount.append(Int32(node.cuts.count))
            for c in node.cuts {
                fast.append(FastCut(c, exact: exact.count))
                exact.append(c.value)
            }
        }
        nodeKind = kind; nodeArg = arg; nodeChildren = childStart; nodeChildCount = childCount; children = kids
        nodeCuts = cutStart; nodeCutCount = cutCount; cuts = fast; exactCuts = exact
        tagIndex = ByteTable(table.tags.enumerated().map { (Array($0.element.utf8), $0.offset) })
        attributePaths = table.attributes.map { a in a.path.split(separator: ".", omittingEmptySubsequences: false).map { Array($0.utf8) } }
        attributeValues = table.attributes.map(\.values)
        var r: [[UInt8]: ActionNumber] = [:]
        for rate in table.exchangeRates { r[Array(rate.currency.utf8)] = ActionNumber(exact: rate.rate) }
        rates = r
        currency = table.currency.map { Array($0.utf8) }
        knownCurrencies = ([table.currency].compactMap { $0 } + table.exchangeRates.map(\.currency)).joined(separator: ", ")
        tagPresent = Array(repeating: false, count: table.tags.count)
    }

    /// Evaluates one non-blank line (1-based `number`) and appends its decision line to `out`.
    @discardableResult
    public func evaluate(line bytes: UnsafeBufferPointer<UInt8>, number: Int, into out: inout [UInt8]) -> Verdict {
        line = bytes
        defer { clearAction() }
        if let syntax = parse() {
            renderInvalid([ActionError(field: nil, message: syntax)], number: number, withFields: false, into: &out)
            return .invalid
        }
        validate()
        guard fields.errors.isEmpty, let c = classOfAction() else {
            if fields.errors.isEmpty { fields.errors.append(ActionError(field: "capability", message: "no table row covers this capability")) }
            renderInvalid(fields.errors, number: number, withFields: true, into: &out)
            return .invalid
        }
        let cls = table.classes[c]
        let reversible = fields.reversible ?? cls.reversible
        var pathA: [(Int, Int)]? = explain ? [] : nil
        var pathB: [(Int, Int)]? = explain ? [] : nil
        let a = walk(cls.root, reversible: reversible, path: &pathA)
        let b = walk(table.globalRoot, reversible: reversible, path: &pathB)
        let assumed = missingMask(tested: cls.testedFields | table.globalTestedFields)
        let key = CacheKey(a: a, b: b, assumed: assumed, reversible: cls.reversible)
        let template: DecisionTemplate
        if let t = cache[key] {
            template = t
        } else {
            template = table.template(outcomes: [Int(a), Int(b)], assumed: assumed, reversibleDefault: cls.reversible)
            if cache.count < Self.cacheLimit { cache[key] = template }
        }
        out.append(0x7B)
        if fields.id != nil {
            out.append(contentsOf: "\"id\":".utf8)
            appendID(into: &out)
        } else {
            out.append(contentsOf: "\"line\":".utf8)
            out.appendInt(number)
        }
        out.append(contentsOf: ",\"capability\":".utf8)
        appendCapability(into: &out)
        out.append(0x2C)
        for part in template.parts {
            switch part {
            case .bytes(let bytes): out.append(contentsOf: bytes)
            case .value(let f, let before, let after, let missing):
                if value(of: f) != nil {
                    out.append(contentsOf: before)
                    appendValue(f, into: &out)
                    out.append(contentsOf: after)
                } else {
                    out.append(contentsOf: missing)
                }
            }
        }
        if explain, let pathA, let pathB {
            out.removeLast(2)   // "}\n"
            out.append(contentsOf: ",\"explain\":".utf8)
            appendExplanation(classIndex: c, reversible: reversible, outcomes: [a, b], paths: [pathA, pathB], into: &out)
            out.append(contentsOf: "}\n".utf8)
        }
        return template.verdict
    }

    /// The action's `id` as sent; a string with escapes is re-encoded from its decoded
    /// text, so the output never carries a lone surrogate.
    func appendID(into out: inout [UInt8]) {
        guard let id = fields.id else { return }
        let raw = line[id]
        if raw.first == 0x22, raw.contains(0x5C) {
            let s = JSONScanner(line)
            out.appendJSONString(bytes: s.unescape((id.lowerBound + 1)..<(id.upperBound - 1)))
        } else {
            out.append(contentsOf: raw)
        }
    }

    /// The capability as sent (re-encoded when it had escapes).
    func appendCapability(into out: inout [UInt8]) {
        if let bytes = fields.capabilityBytes { out.appendJSONString(bytes: bytes) }
        else if let t = fields.capabilityToken { out.append(contentsOf: line[t]) }
    }

    func clearAction() {
        for t in tagsSet { tagPresent[t] = false }
        tagsSet.removeAll(keepingCapacity: true)
        fields.reset()
        amountValue = nil
        attributeTree = nil
        attributeTreeParsed = false
    }

    /// Appends a numeric field's value as the decision shows it: the literal as sent, or the
    /// exact converted amount for a foreign currency.
    func appendValue(_ f: NumericField, into out: inout [UInt8]) {
        switch f {
        case .amount:
            if currencyIsPolicy, let t = fields.amountText { out.append(contentsOf: line[t]) }
            else if let v = amountValue { out.append(contentsOf: v.description.utf8) }
        case .confidence: if let t = fields.confidenceText { out.append(contentsOf: line[t]) }
        case .blastRadius: if let t = fields.blastRadiusText { out.append(contentsOf: line[t]) }
        }
    }

    var currencyIsPolicy: Bool {
        guard let c = fields.currency else { return true }
        if let bytes = fields.currencyBytes { return bytes == currency ?? [] }
        return currency.map { line[c].elementsEqual($0) } ?? true
    }

    func classOfAction() -> Int? {
        if let bytes = fields.capabilityBytes { return bytes.withUnsafeBufferPointer { index.lookup($0) } }
        guard let r = fields.capability else { return nil }
        return index.lookup(UnsafeBufferPointer(rebasing: line[r]))
    }

    /// Walks one diagram; returns the outcome number.
    func walk(_ root: Int32, reversible: Bool, path: inout [(Int, Int)]?) -> Int32 {
        var ref = root
        while ref >= 0 {
            let n = Int(ref)
            let child: Int
            switch nodeKind[n] {
            case 0, 1, 2:
                if let x = value(of: NumericField(rawValue: Int(nodeKind[n]))!) {
                    let first = Int(nodeCuts[n])
                    var lo = 0, hi = Int(nodeCutCount[n])
                    cuts.withUnsafeBufferPointer { cs in
                        exactCuts.withUnsafeBufferPointer { exacts in
                            while lo < hi {
                                let mid = (lo + hi) >> 1
                                if cs[first + mid].isBelow(x, exacts) { lo = mid + 1 } else { hi = mid }
                            }
                        }
                    }
                    child = lo
                } else {
                    child = Int(nodeChildCount[n]) - 1
                }
            case 3: child = reversible ? 1 : 0
            case 4: child = tagPresent[Int(nodeArg[n])] ? 1 : 0
            default: child = attributeChoice(Int(nodeArg[n]))
            }
            path?.append((n, child))
            ref = children[Int(nodeChildren[n]) + child]
        }
        return -ref - 1
    }

    @inline(__always) func value(of f: NumericField) -> ActionNumber? {
        switch f {
        case .amount: amountValue
        case .confidence: fields.confidence
        case .blastRadius: fields.blastRadius
        }
    }

    /// The child an attribute node takes: a value's index, then "other", then "missing".
    func attributeChoice(_ a: Int) -> Int {
        let values = attributeValues[a]
        guard let v = attributeValue(a) else { return values.count + 1 }
        for (k, want) in values.enumerated() {
            switch (v, want) {
            case (.string(let s), .string(let w)) where s.elementsEqual(w.utf8): return k
            case (.bool(let x), .bool(let y)) where x == y: return k
            case (.number(let x), .number(let y)) where x.compare(ActionNumber(exact: y)) == 0: return k
            default: continue
            }
        }
        return values.count
    }

    /// The action's value at attribute path `a` (nil when missing or null).
    func attributeValue(_ a: Int) -> JSONValue? {
        if !attributeTreeParsed {
            attributeTreeParsed = true
            if let r = fields.attributes {
                var s = JSONScanner(line, at: r.lowerBound)
                attributeTree = try? s.value()
            }
        }
        guard var node = attributeTree else { return nil }
        for component in attributePaths[a] {
            guard case .object(let members) = node, let next = members.first(where: { $0.0 == component })?.1 else { return nil }
            node = next
        }
        if case .null = node { return nil }
        return node
    }

    /// Bits of fields the action lacks among those `tested`.
    func missingMask(tested: UInt64) -> UInt64 {
        var m: UInt64 = 0
        if amountValue == nil { m |= ActionFieldMask.amount }
        if fields.confidence == nil { m |= ActionFieldMask.confidence }
        if fields.blastRadius == nil { m |= ActionFieldMask.blastRadius }
        if fields.reversible == nil { m |= ActionFieldMask.reversible }
        if !fields.hasTags { m |= ActionFieldMask.tags }
        m &= tested
        if tested >> UInt64(ActionFieldMask.firstAttribute) != 0 {
            for a in attributePaths.indices where tested & ActionFieldMask.attribute(a) != 0 && attributeValue(a) == nil {
                m |= ActionFieldMask.attribute(a)
            }
        }
        return m
    }
}
