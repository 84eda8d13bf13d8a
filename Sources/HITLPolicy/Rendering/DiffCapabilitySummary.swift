/// One capability's share of a diff group, as a reviewer reads it: how many regions, the
/// conditions they all share, the fields they are split by, the old → new requirements and
/// one witness. The text and Markdown views show a group this way unless every region is
/// asked for (`diff --regions`).
struct DiffCapabilitySummary {
    /// The capability.
    var capability: DiffCapability
    /// `refund`, `github.*`, `(any other capability)`.
    var label: String { capability.label }
    /// The group's regions that cover it.
    var regions: [DiffRegion]

    /// The most severe classification among its regions.
    var classification: DiffClassification { regions.map(\.classification).min() ?? .changed }

    /// The summaries of a group's regions, one per capability, in order of first appearance.
    static func of(_ regions: [DiffRegion]) -> [DiffCapabilitySummary] {
        var order: [DiffCapability] = []
        var members: [DiffCapability: [DiffRegion]] = [:]
        for r in regions {
            for c in r.capabilities {
                if members[c] == nil { order.append(c) }
                members[c, default: []].append(r)
            }
        }
        return order.map { DiffCapabilitySummary(capability: $0, regions: members[$0] ?? []) }
    }

    /// `12 regions`, or `12 regions: 10 loosened, 2 changed` when they are classed differently.
    var count: String {
        let n = regions.count
        let noun = "\(n) region\(n == 1 ? "" : "s")"
        let byClass = DiffClassification.allCases.map { c in (c, regions.count { $0.classification == c }) }.filter { $0.1 > 0 }
        return byClass.count <= 1 ? noun : noun + ": " + byClass.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
    }

    /// The conditions every region has alike (with the currency amounts are sent in), and
    /// the fields that take different values from one region to another.
    var conditions: (shared: [String], varying: [String]) {
        var fields: [String] = []
        var texts: [ByteName: [String?]] = [:]   // field names hold tag and attribute names: bytes
        for (k, r) in regions.enumerated() {
            var seen = Set<ByteName>()
            for c in r.conditions where seen.insert(ByteName(c.field)).inserted {
                if texts[ByteName(c.field)] == nil {
                    fields.append(c.field)
                    texts[ByteName(c.field)] = Array(repeating: nil, count: k)
                }
                texts[ByteName(c.field)]?.append(Self.short(c))
            }
            for f in fields where !seen.contains(ByteName(f)) { texts[ByteName(f)]?.append(nil) }
        }
        var shared: [String] = [], varying: [String] = []
        for f in fields {
            let values = texts[ByteName(f)] ?? []
            if let first = values.first ?? nil, values.allSatisfy({ $0.map { $0.sameBytes(as: first) } ?? false }) {
                shared.append("\(f) \(first)")
            } else {
                varying.append(f)
            }
        }
        let currencies = regions.map(\.currency)
        if let code = currencies.first ?? nil, currencies.allSatisfy({ $0 == code }) {
            shared.append("amounts sent in \(code)")
        } else if currencies.contains(where: { $0 != nil }) {
            varying.append("the currency sent")
        }
        return (shared, varying)
    }

    /// A condition's words without the notes the region view spells out (what a missing
    /// field counts as, where reversibility comes from).
    static func short(_ c: DiffCondition) -> String {
        switch c.value {
        case .missing: "missing"
        case .bool(let b): String(b)
        default: c.text
        }
    }

    /// `when tags.sanctioned present; split by amount, confidence`, or `every action`.
    var when: String {
        let (shared, varying) = conditions
        var parts: [String] = []
        if !shared.isEmpty { parts.append("when " + shared.joined(separator: "; ")) }
        if !varying.isEmpty { parts.append("split by " + Self.list(varying, conjunction: "and", limit: 5)) }
        return parts.isEmpty ? "every action" : parts.joined(separator: "; ")
    }

    /// `disabled → autonomous, approval (tier team) or 2 more`: the distinct requirements,
    /// each side's whole requirement.
    var requirements: String {
        func distinct(_ xs: [String]) -> [String] {
            var out: [String] = []
            for x in xs where !out.contains(where: { $0.sameBytes(as: x) }) { out.append(x) }
            return out
        }
        let olds = distinct(regions.map(\.old.description)), news = distinct(regions.map(\.new.description))
        if olds.count == 1 { return "\(olds[0]) → \(Self.list(news, conjunction: "or", limit: 4))" }
        if news.count == 1 { return "\(Self.list(olds, conjunction: "or", limit: 4)) → \(news[0])" }
        let pairs = distinct(regions.map { "\($0.old) → \($0.new)" })
        return pairs.prefix(3).joined(separator: "; ") + (pairs.count > 3 ? "; and \(pairs.count - 3) more" : "")
    }

    /// A witness of this capability: the first region's that names it; a region listed
    /// for several capabilities names its first, so an exact name is put in its place.
    var witness: String? {
        if let own = regions.first(where: { $0.capabilities.first == capability })?.witness { return own }
        guard capability.kind == .exact, let r = regions.first(where: { $0.witness != nil }), let w = r.witness,
              let first = r.capabilities.first, first.kind == .exact else { return nil }
        var was: [UInt8] = Array("{\"capability\":".utf8), now = was
        was.appendJSONString(first.name)
        now.appendJSONString(capability.name)
        let bytes = Array(w.utf8)
        guard bytes.starts(with: was) else { return nil }
        return String(decoding: now + bytes.dropFirst(was.count), as: UTF8.self)
    }

    /// `a, b and c`, or `a, b, c and 4 more` past `limit`.
    static func list(_ xs: [String], conjunction: String, limit: Int) -> String {
        if xs.count <= 1 { return xs.first ?? "" }
        if xs.count > limit { return xs.prefix(limit - 1).joined(separator: ", ") + " \(conjunction) \(xs.count - limit + 1) more" }
        return xs.dropLast().joined(separator: ", ") + " \(conjunction) " + xs[xs.count - 1]
    }
}
