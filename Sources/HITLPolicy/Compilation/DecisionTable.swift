/// The compiled form of a policy (SPEC §1): exact and total.
///
/// Capability names fall into `classes`; each class has a decision diagram for its entry,
/// bands and capability-specific compliance rules, and one shared diagram (`globalRoot`)
/// covers the compliance rules that name no capability. Each diagram partitions the whole
/// action space into disjoint regions (intervals with their exact boundary points, missing
/// values, reversibility, tags, attribute values); a row of the table is a class together
/// with one region of each diagram, and its outcome is the join of the two leaves.
/// Evaluation is two walks from root to leaf, never a walk over the rules.
package struct DecisionTable: Sendable {
    /// Format tag of the JSON artifact.
    package static let formatName = "hitl-policy-table"
    /// Version of the JSON artifact (2: outcomes are requirements alone, and every member
    /// has a real name; 3: the artifact carries `table_digest`).
    package static let formatVersion = 3

    /// Always `hitl-policy-table`.
    package var format: String = formatName
    /// Artifact version.
    package var version: Int = formatVersion
    /// The policy's `name`.
    package var policy: String
    /// `sha256:` and the hex SHA-256 of the policy source bytes.
    package var policyDigest: String
    /// The policy file as the user named it.
    package var source: String
    /// The policy currency.
    package var currency: String?
    /// Exchange rates, by currency code.
    package var exchangeRates: [TableRate]
    /// Tiers (ladder order) then specialists (by name), as decisions report them.
    package var approvers: [TableApprover]
    /// The tags tested by some rule (diagram variables).
    package var tags: [String]
    /// The attribute paths tested by some rule, with the values tested.
    package var attributes: [TableAttribute]
    /// The shell prefixes tested by some rule (diagram variables), grouped by attribute.
    package var shells: [TableShell] = []
    /// Every rule, in policy order.
    package var rules: [TableRule]
    /// Leaves.
    package var outcomes: [TableOutcome]
    /// Diagram nodes.
    package var nodes: [TableNode]
    /// Capability classes.
    package var classes: [CapabilityClass]
    /// Root of the diagram shared by every class.
    package var globalRoot: Int32
    /// Fields the shared diagram's rules test.
    package var globalTestedFields: UInt64
    /// How tool calls become actions (the policy's `tools:` section; SPEC §11).
    package var tools: ToolMappings = .none

}

/// An exchange rate: units of the policy currency per unit of `currency`.
package struct TableRate: Hashable, Sendable {
    /// The foreign currency.
    package var currency: String
    /// The rate.
    package var rate: ExactDecimal
}

/// A tested attribute path and the values rules compare it with.
package struct TableAttribute: Hashable, Sendable {
    /// Dotted path into the action's `attributes`.
    package var path: String
    /// The distinct values, in first-use order.
    package var values: [AttributeValue]
}

/// A shell prefix a `{shell: [...]}` condition tests on an attribute path: one boolean
/// variable of the diagrams (present or absent in the command line, like a tag).
package struct TableShell: Hashable, Sendable {
    /// The attribute (an index into `DecisionTable.attributes`).
    package var attribute: Int
    /// The prefix's words after quote removal.
    package var words: [String]

    /// The prefix as one shell command (`ShellPrefix.canonical`).
    package var prefix: String { ShellPrefix.canonical(words) }

    /// Words compare as bytes.
    package static func == (a: TableShell, b: TableShell) -> Bool {
        a.attribute == b.attribute && a.words.count == b.words.count && zip(a.words, b.words).allSatisfy { $0.sameBytes(as: $1) }
    }

    package func hash(into h: inout Hasher) {
        h.combine(attribute)
        h.combineBytes(of: words)
    }

    /// Whether a value of the attribute meets the prefix: a string whose line has a simple
    /// command beginning with it (or that cannot be split with certainty); any other value,
    /// or none, fails closed and meets it.
    package static func holds(_ words: [String], for value: AttributeValue?) -> Bool {
        guard case .string(let s)? = value else { return true }
        return ShellCommandLine(s).begins(with: words)
    }
}

/// A tier or specialist panel as a decision's `approvals` entry shows it.
package struct TableApprover: Hashable, Sendable {
    /// Name.
    package var name: String
    /// A ladder tier or a specialist panel.
    package var kind: ApproverKind
    /// Principals or groups.
    package var approvers: [String]
    /// Approvals needed.
    package var quorum: Int
    /// SLA as written (normalised), when there is one.
    package var sla: String?
    /// SLA in seconds.
    package var slaSeconds: Int?
    /// What a timeout does.
    package var onTimeout: TimeoutAction
    /// The next tier up, when `on_timeout` is `escalate`.
    package var escalatesTo: String?
    /// Reviews per period (`120/day`), when the policy sets a capacity; absent otherwise,
    /// so tables of policies without one are unchanged. `eval` ignores it.
    package var capacity: String?

}

extension DecisionTable {
    /// Why a table of another artifact version cannot be read, and what to do about it.
    static func versionProblem(_ version: String) -> String {
        "table version \(version) is not supported (this build reads \(formatVersion)); " + recompile
    }

    /// What to do about a table that cannot be read.
    static let recompile = "recompile this table from its policy: hitl-policy compile POLICY -o TABLE"

    /// Why an approver's `kind` is refused: not `specialist` after the tiers, or an unknown
    /// word (the artifact reader's message for it).
    static func kindProblem(_ name: String, _ kind: String) -> String {
        "approver \(name) has kind \(kind): tiers come first, then specialists"
    }

    /// Why an approver's `on_timeout` is refused: escalation not to the next tier up, or an
    /// unknown word (the artifact reader's message for it).
    static func timeoutProblem(_ kind: ApproverKind, _ name: String, _ onTimeout: String, _ escalatesTo: String?) -> String {
        "\(kind.rawValue) \(name) times out with \(onTimeout) to \(escalatesTo ?? "nobody")"
    }

    /// The number of ladder tiers (the first entries of `approvers`).
    package var tierCount: Int { approvers.prefix { $0.kind == .tier }.count }

    /// The approvals a requirement asks for: its tier, then its specialists by name.
    package func approvals(for r: Requirement) -> [TableApprover] {
        guard r.stage == .approval else { return [] }
        var out: [TableApprover] = []
        if let t = r.tier, t < tierCount { out.append(approvers[t]) }
        for s in r.specialists {
            if let a = approvers[tierCount...].first(where: { $0.name.sameBytes(as: s) }) { out.append(a) }
        }
        return out
    }

    /// Checks the internal consistency of a table read from a file, so that evaluation never
    /// indexes out of range: every child, rule, class root and index must resolve.
    package func validate() -> String? {
        if format != Self.formatName { return "not a hitl-policy table (format \(format))" }
        if version != Self.formatVersion { return Self.versionProblem(String(version)) }
        func ok(_ ref: Int32) -> Bool { ref >= 0 ? Int(ref) < nodes.count : Int(-(Int64(ref) + 1)) < outcomes.count }
        for (i, n) in nodes.enumerated() {
            let expected: Int
            switch n.test {
            case .numeric: expected = n.cuts.count + 2
            case .reversible, .tag: expected = 2
            case .shell(let s):
                guard s >= 0, s < shells.count else { return "node \(i) tests shell prefix \(s), which does not exist" }
                expected = 2
            case .attribute(let a):
                guard a >= 0, a < attributes.count else { return "node \(i) tests attribute \(a), which does not exist" }
                expected = attributes[a].values.count + 2
            }
            if case .tag(let t) = n.test, !(t >= 0 && t < tags.count) { return "node \(i) tests tag \(t), which does not exist" }
            if n.children.count != expected { return "node \(i) has \(n.children.count) children, expected \(expected)" }
            // Children must point forward (nodes are stored children first), so walks end.
            for c in n.children where !ok(c) || (c >= 0 && Int(c) >= i) { return "node \(i) has a bad child \(c)" }
            if zip(n.cuts, n.cuts.dropFirst()).contains(where: { !($0 < $1) }) { return "node \(i) has unsorted cuts" }
        }
        for o in outcomes where (o.requirement.tier ?? 0) >= max(tierCount, 1) || o.requirement.tier.map({ $0 < 0 }) == true {
            return "an outcome names a tier that does not exist"
        }
        for r in rules where r.contribution.tier.map({ $0 < 0 || $0 >= tierCount }) == true {
            return "rule \(r.path) names a tier that does not exist"
        }
        for c in classes where !ok(c.root) || c.entryRule < 0 || c.entryRule >= rules.count { return "class \(c.label) is malformed" }
        if !ok(globalRoot) { return "the global root is malformed" }
        return validateMeaning() ?? validateDetails()
    }

    /// Checks what the compiler guarantees about meaning, so that an edited table cannot
    /// weaken oversight in ways no policy can express: positive exchange rates, a quorum
    /// of at least one that the approvers can meet (any count when one is a group), escalation only to the next tier up,
    /// panels that exist, and thresholds inside their field's range.
    func validateMeaning() -> String? {
        for r in exchangeRates where !(r.rate > ExactDecimal(0)) { return "exchange rate \(r.currency) \(r.rate) is not positive" }
        var names = Set<ByteName>()
        for (i, a) in approvers.enumerated() {
            let isTier = i < tierCount
            if !isTier, a.kind != .specialist { return Self.kindProblem(a.name, a.kind.rawValue) }
            if !names.insert(ByteName(a.name)).inserted { return "approver \(a.name) appears twice" }
            // A group (`@name`) has members the table does not list, so only a quorum over
            // principals alone is bounded by the count.
            if a.approvers.isEmpty || a.quorum < 1 || (a.quorum > a.approvers.count && !ApproverGroup.anyGroup(a.approvers)) {
                return "\(a.kind.rawValue) \(a.name) has quorum \(a.quorum) for \(a.approvers.count) approvers"
            }
            if let s = a.slaSeconds, s <= 0 { return "\(a.kind.rawValue) \(a.name) has an SLA of \(s) seconds" }
            let next = isTier && i + 1 < tierCount ? approvers[i + 1].name : nil
            switch a.onTimeout {
            case .reject where a.escalatesTo == nil: break
            case .escalate where next != nil && a.escalatesTo.sameBytes(as: next): break
            default: return Self.timeoutProblem(a.kind, a.name, a.onTimeout.rawValue, a.escalatesTo)
            }
        }
        let panels = Set(approvers.dropFirst(tierCount).map { ByteName($0.name) })
        let named = rules.lazy.flatMap(\.contribution.specialists) + outcomes.lazy.flatMap(\.requirement.specialists)
        if let unknown = named.first(where: { !panels.contains(ByteName($0)) }) { return "a rule or outcome names panel \(unknown), which does not exist" }
        for (i, n) in nodes.enumerated() {
            guard case .numeric(let f) = n.test else { continue }
            let inRange = { (x: ExactDecimal) in !x.isNegative && f.spec.maximum.map { x <= $0 } ?? true }
            if let c = n.cuts.first(where: { !inRange($0.value) }) { return "node \(i) has \(f) threshold \(c.value) out of range" }
        }
        return nil
    }
}
