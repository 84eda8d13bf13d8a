/// `diff --format json`: one pretty-printed object, members in a fixed order (schema in
/// docs/commands.md).
package enum DiffJSONReporter {
    /// Renders the report.
    package static func render(_ report: DiffReport, traffic: DiffTraffic? = nil) -> String {
        func side(_ s: DiffReport.Side) -> JSONTree {
            .object([("policy", .string(s.policy)), ("policy_digest", .string(s.digest)), ("source", .string(s.source))])
        }
        let summary: JSONTree = .object([
            ("loosened", .number(String(report.count(.loosened)))),
            ("tightened", .number(String(report.count(.tightened)))),
            ("changed", .number(String(report.count(.changed)))),
            ("regions", .number(String(report.regionTotal))),
            ("approver_changes", .number(String(report.approverChanges.count))),
            ("groups", .number(String(report.groups.count))),
            ("truncated", .bool(report.truncated)),
        ])
        func counted(_ tree: JSONTree, _ counts: [Int]?, _ k: Int) -> JSONTree {
            guard let counts, counts.indices.contains(k), case .object(var members) = tree else { return tree }
            members.append(("traffic", .number(String(counts[k]))))
            return .object(members)
        }
        var members: [(String, JSONTree)] = [
            ("format", .string("hitl-policy-diff")), ("version", .number("1")),
            ("old", side(report.old)), ("new", side(report.new)), ("summary", summary),
            ("regions", .array(report.regions.enumerated().map { counted(region($0.element), traffic?.regions, $0.offset) })),
            ("approver_changes", .array(report.approverChanges.map(change))),
            ("groups", .array(report.groups.enumerated().map { counted(group($0.element), traffic?.groups, $0.offset) })),
        ]
        if let traffic {
            members.append(("traffic", .object([
                ("log", .string(traffic.log)), ("actions", .number(String(traffic.total))),
                ("invalid", .number(String(traffic.invalid))), ("in_regions", .number(String(traffic.placed))),
            ])))
        }
        return JSONTree.object(members).pretty()
    }

    static func group(_ g: DiffGroup) -> JSONTree {
        .object([
            ("classification", .string(g.classification.rawValue)), ("kind", .string(g.kind)),
            ("rules", .array(g.rules.map { .string($0) })), ("edit", .string(g.edit)), ("summary", .string(g.summary)),
            ("regions", .array(g.regions.map { .number(String($0)) })),
        ])
    }

    static func region(_ r: DiffRegion) -> JSONTree {
        .object([
            ("classification", .string(r.classification.rawValue)),
            ("capabilities", .array(r.capabilities.map { .object([("kind", .string($0.kind.rawValue)), ("name", .string($0.name))]) })),
            ("currency", r.currency.map { .string($0) } ?? .null),
            ("conditions", .array(r.conditions.map(condition))),
            ("old", outcome(r.old)), ("new", outcome(r.new)),
            ("old_rules", .array(r.oldRules.map(rule))), ("new_rules", .array(r.newRules.map(rule))),
            ("witness", r.witness.map { .raw($0) } ?? .null),
        ])
    }

    static func outcome(_ o: DiffOutcome) -> JSONTree {
        .object([
            ("decision", .string(o.stage.rawValue)), ("review", .bool(o.review)),
            ("tier", o.tier.map { .string($0) } ?? .null), ("specialists", .array(o.specialists.map { .string($0) })),
        ])
    }

    static func rule(_ r: DiffRule) -> JSONTree {
        var members: [(String, JSONTree)] = [("rule", .string(r.path)), ("effect", .string(r.effect)), ("source", .string(r.source))]
        if let reference = r.reference { members.append(("reference", .string(reference))) }
        return .object(members)
    }

    static func condition(_ c: DiffCondition) -> JSONTree {
        var members: [(String, JSONTree)] = [("field", .string(c.field)), ("text", .string(c.text))]
        switch c.value {
        case .missing: members.append(("missing", .bool(true)))
        case .interval(let lower, let lowerInclusive, let upper, let upperInclusive, let approximate):
            func bound(_ s: String?) -> JSONTree { s.map { .string($0.replacing("≈", with: "")) } ?? .null }
            members += [("lower", bound(lower)), ("lower_inclusive", .bool(lowerInclusive)),
                        ("upper", bound(upper)), ("upper_inclusive", .bool(upperInclusive)), ("approximate", .bool(approximate))]
        case .bool(let b): members.append(("equals", .bool(b)))
        case .present(let p): members.append(("present", .bool(p)))
        case .equals(let v): members.append(("equals", value(v)))
        case .otherThan(let vs): members.append(("other_than", .array(vs.map(value))))
        }
        return .object(members)
    }

    static func value(_ v: AttributeValue) -> JSONTree {
        switch v {
        case .string(let s): .string(s)
        case .number(let n): .number(n.description)
        case .bool(let b): .bool(b)
        }
    }

    static func change(_ c: ApproverChange) -> JSONTree {
        var members: [(String, JSONTree)] = [
            ("classification", .string(c.classification.rawValue)), ("subject", .string(c.subject)), ("name", .string(c.name)),
            ("change", .string(c.change)), ("old", c.old.map { .string($0) } ?? .null), ("new", c.new.map { .string($0) } ?? .null),
            ("text", .string(c.text)),
        ]
        if let w = c.witness { members.append(("witness", .raw(w))) }
        return .object(members)
    }
}
