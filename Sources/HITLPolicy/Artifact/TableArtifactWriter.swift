/// Writes the JSON artifact of a table (format 3, see docs/commands.md) straight to bytes:
/// compact, keys sorted, no escaped slashes, strings escaped as `JSONEncoder` escapes them.
/// `TableArtifactReader` reads it back (a test round-trips every example policy).
struct TableArtifactWriter {
    private(set) var out: [UInt8] = []

    /// Where the `table_digest` member goes (between `source` and `tags`, in key order).
    private var digestAt = 0

    /// The artifact with a final newline, its `table_digest` the digest of the rest.
    static func artifact(_ t: DecisionTable) -> [UInt8] {
        var w = canonical(t)
        let member = Array(",\"\(TableDigest.member)\":\"\(Digest.of(w.out))\"".utf8)
        w.out.insert(contentsOf: member, at: w.digestAt)
        w.out.append(0x0A)
        return w.out
    }

    /// The digest a table's artifact carries: of its canonical content, the artifact
    /// without its `table_digest` member and final newline.
    static func digest(_ t: DecisionTable) -> String {
        Digest.of(canonical(t).out)
    }

    /// The artifact without `table_digest` and the final newline.
    private static func canonical(_ t: DecisionTable) -> TableArtifactWriter {
        var w = TableArtifactWriter()
        // Roughly the final size, so the buffer is not copied as it grows.
        w.out.reserveCapacity(4096 + 80 * t.outcomes.count + 120 * t.nodes.count + 320 * t.rules.count + 120 * t.classes.count)
        w.table(t)
        return w
    }

    private mutating func table(_ t: DecisionTable) {
        raw("{\"approvers\":")
        array(t.approvers) { $0.approver($1) }
        raw(",\"attributes\":")
        array(t.attributes) { w, a in
            w.raw("{\"path\":")
            w.string(a.path)
            w.raw(",\"values\":")
            w.array(a.values) { $0.attributeValue($1) }
            w.raw("}")
        }
        raw(",\"classes\":")
        array(t.classes) { w, c in
            w.raw("{\"entry_rule\":")
            w.int(c.entryRule)
            w.raw(",\"kind\":")
            w.string(c.kind.rawValue)
            w.raw(",\"name\":")
            w.string(c.name)
            w.raw(",\"reversible\":")
            w.bool(c.reversible)
            w.raw(",\"root\":")
            w.int(Int(c.root))
            w.raw(",\"tested_fields\":")
            w.out.appendDigits(c.testedFields)
            w.raw("}")
        }
        if let c = t.currency {
            raw(",\"currency\":")
            string(c)
        }
        raw(",\"exchange_rates\":")
        array(t.exchangeRates) { w, r in
            w.raw("{\"currency\":")
            w.string(r.currency)
            w.raw(",\"rate\":")
            w.decimal(r.rate)
            w.raw("}")
        }
        raw(",\"format\":")
        string(t.format)
        raw(",\"global_root\":")
        int(Int(t.globalRoot))
        raw(",\"global_tested_fields\":")
        out.appendDigits(t.globalTestedFields)
        raw(",\"nodes\":")
        array(t.nodes) { $0.node($1) }
        raw(",\"outcomes\":")
        array(t.outcomes) { $0.requirement($1.requirement) }
        raw(",\"policy\":")
        string(t.policy)
        raw(",\"policy_digest\":")
        string(t.policyDigest)
        raw(",\"rules\":")
        // By index, not through `array`: its closure takes each rule as a copy (every string
        // retained and released), and a large policy has tens of thousands of rules.
        out.append(0x5B)
        for k in t.rules.indices {
            if k > 0 { out.append(0x2C) }
            rule(t.rules[k])
        }
        out.append(0x5D)
        // Only when rules test shell prefixes, so tables of other policies are unchanged
        // (and a build that predates `shells` refuses a table that needs them).
        if !t.shells.isEmpty {
            raw(",\"shells\":")
            array(t.shells) { w, s in
                w.raw("{\"attribute\":")
                w.int(s.attribute)
                w.raw(",\"prefix\":")
                w.string(s.prefix)
                w.raw("}")
            }
        }
        raw(",\"source\":")
        string(t.source)
        digestAt = out.count
        raw(",\"tags\":")
        array(t.tags) { $0.string($1) }
        raw(",\"tested_field_bits\":")
        array(Self.testedFieldBits) { $0.string($1) }
        if !t.tools.entries.isEmpty {
            raw(",\"tools\":")
            array(t.tools.entries) { $0.tool($1) }
        }
        raw(",\"version\":")
        int(t.version)
        raw("}")
    }

    /// What the bits of `tested_fields` and `global_tested_fields` name, lowest first
    /// (`ActionFieldMask`: the numeric fields, reversible, tags, then `attributes[i]` from
    /// the last bit on). They follow the field registry, so a table records them and the
    /// reader refuses a table whose bits another registry wrote.
    static let testedFieldBits: [String] = ActionField.decided.filter { $0 != .capability }.map(\.description)

    private mutating func approver(_ a: TableApprover) {
        raw("{\"approvers\":")
        array(a.approvers) { $0.string($1) }
        if let c = a.capacity {
            raw(",\"capacity\":")
            string(c)
        }
        if let e = a.escalatesTo {
            raw(",\"escalates_to\":")
            string(e)
        }
        raw(",\"kind\":")
        string(a.kind.rawValue)
        raw(",\"name\":")
        string(a.name)
        raw(",\"on_timeout\":")
        string(a.onTimeout.rawValue)
        raw(",\"quorum\":")
        int(a.quorum)
        if let s = a.sla {
            raw(",\"sla\":")
            string(s)
        }
        if let s = a.slaSeconds {
            raw(",\"sla_seconds\":")
            int(s)
        }
        raw("}")
    }

    private mutating func attributeValue(_ v: AttributeValue) {
        switch v {
        case .string(let s):
            raw("{\"type\":\"string\",\"value\":")
            string(s)
        case .bool(let b):
            raw("{\"type\":\"bool\",\"value\":")
            bool(b)
        case .number(let n):
            raw("{\"type\":\"number\",\"value\":")
            decimal(n)
        }
        raw("}")
    }

    private mutating func node(_ n: TableNode) {
        raw("{\"children\":")
        array(n.children) { $0.int(Int($1)) }
        switch n.test {
        case .numeric(let f):
            raw(",\"cuts\":")
            array(n.cuts) { $0.cut($1) }
            raw(",\"test\":")
            string(f.description)
        case .reversible:
            raw(",\"test\":\"reversible\"")
        case .tag(let i):
            raw(",\"index\":")
            int(i)
            raw(",\"test\":\"tag\"")
        case .attribute(let i):
            raw(",\"index\":")
            int(i)
            raw(",\"test\":\"attribute\"")
        case .shell(let i):
            raw(",\"index\":")
            int(i)
            raw(",\"test\":\"shell\"")
        }
        raw("}")
    }

    private mutating func cut(_ c: Cut) {
        raw("{\"upward\":")
        bool(c.upward)
        raw(",\"value\":")
        decimal(c.value)
        raw("}")
    }

    private mutating func requirement(_ r: Requirement) {
        raw("{\"review\":")
        bool(r.review)
        raw(",\"specialists\":")
        array(r.specialists) { $0.string($1) }
        raw(",\"stage\":")
        string(r.stage.description)
        if let t = r.tier {
            raw(",\"tier\":")
            int(t)
        }
        raw("}")
    }

    private mutating func rule(_ r: TableRule) {
        raw("{")
        if let c = r.capabilities {
            raw("\"capabilities\":")
            array(c) { $0.string($1.description) }
            raw(",")
        }
        raw("\"conditions\":")
        array(r.conditions) { $0.condition($1) }
        raw(",\"contribution\":")
        requirement(r.contribution)
        raw(",\"effect\":")
        string(r.effect)
        raw(",\"kind\":")
        string(r.kind.rawValue)
        raw(",\"path\":")
        string(r.path)
        if let reason = r.reason {
            raw(",\"reason\":")
            string(reason)
        }
        if let reference = r.reference {
            raw(",\"reference\":")
            string(reference)
        }
        raw(",\"source\":")
        string(r.source)
        raw("}")
    }

    private mutating func condition(_ c: TableCondition) {
        switch c {
        case .range(let r):
            raw("{\"range\":{\"field\":")
            string(r.field.description)
            if let l = r.lower {
                raw(",\"lower\":")
                cut(l)
            }
            if let u = r.upper {
                raw(",\"upper\":")
                cut(u)
            }
            raw("}}")
        case .reversible(let b):
            raw("{\"reversible\":")
            bool(b)
            raw("}")
        case .tags(let any, let all, let none):
            raw("{\"tags\":{")
            var first = true
            for (key, list) in [("all", all), ("any", any), ("none", none)] {
                guard let list else { continue }
                if !first { raw(",") }
                first = false
                string(key)
                raw(":")
                array(list) { $0.string($1) }
            }
            raw("}}")
        case .attribute(let path, let values):
            raw("{\"attribute\":{\"path\":")
            string(path)
            raw(",\"values\":")
            array(values) { $0.attributeValue($1) }
            raw("}}")
        case .shell(let path, let prefixes):
            raw("{\"shell\":{\"path\":")
            string(path)
            raw(",\"prefixes\":")
            array(prefixes) { $0.string(ShellPrefix.canonical($1)) }
            raw("}}")
        }
    }

    // MARK: Scalars

    mutating func raw(_ s: StaticString) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    private mutating func int(_ n: Int) { out.appendInt(n) }

    mutating func bool(_ b: Bool) { b ? raw("true") : raw("false") }

    private mutating func decimal(_ d: ExactDecimal) { string(d.description) }

    /// A string escaped as `JSONEncoder` escapes it: `"` `\` and control characters
    /// (`\b \f \n \r \t`, else `\u00XX`); `/` and everything else as it is.
    mutating func string(_ s: String) {
        // Most strings need no escape: one scan of the contiguous bytes, then one copy.
        let plain = s.utf8.withContiguousStorageIfAvailable { b in
            guard !b.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return false }
            out.append(0x22)
            out.append(contentsOf: b)
            out.append(0x22)
            return true
        }
        if plain != true { out.appendJSONString(s, shortEscapes: true) }
    }

    mutating func array<T>(_ items: [T], _ element: (inout TableArtifactWriter, T) -> Void) {
        out.append(0x5B)
        for (k, item) in items.enumerated() {
            if k > 0 { out.append(0x2C) }
            element(&self, item)
        }
        out.append(0x5D)
    }
}
