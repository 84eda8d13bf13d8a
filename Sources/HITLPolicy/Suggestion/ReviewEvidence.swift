import Crypto

/// What `suggest` keeps while it reads a review log: aggregates, never the log. Per table
/// row and per capability entry, outcome counts; per capability name (the first 500, the
/// rest pooled as `(other)`), counts and a confidence histogram (one entry per distinct
/// confidence); per tier and panel, counts and the answered reviews' times to decision
/// (eight bytes each, for exact medians and p95); and for the duplicate check, a 128-bit
/// digest and the line number of each timed record (24 bytes).
struct ReviewEvidence {
    /// A row of the reviewer's table: capability class and row within it.
    struct RowKey: Hashable, Comparable {
        var classIndex: Int
        var row: Int
        static func < (a: RowKey, b: RowKey) -> Bool { (a.classIndex, a.row) < (b.classIndex, b.row) }
    }

    /// A capability entry's evidence: all its usable reviews, and those of actions that the
    /// entry's promotion or demotion would decide differently.
    struct EntryEvidence {
        var all = ReviewTally()
        var promote = ReviewTally()
        var demote = ReviewTally()
    }

    /// A row's evidence: all its usable reviews, those of actions no compliance rule holds
    /// at the row's rung (what a narrower edit could move), and the rules that hold the rest.
    struct RowEvidence {
        var all = ReviewTally()
        var free = ReviewTally()
        var heldBy: Set<String> = []
        /// Reviewed actions that the entry's promotion (demotion) takes exactly one rung up
        /// (down) from the row's: when that is all of them, the whole-capability change makes
        /// the row's move too.
        var followUp = 0
        var followDown = 0
    }

    /// A tier's or panel's reviews.
    struct Group {
        var kind: String
        var slaSeconds: Int?
        var tally = ReviewTally()
        /// Nanoseconds from requested to decided, answered reviews only.
        var durations: [Int64] = []
    }

    /// A duplicate check key: the first 128 bits of SHA-256.
    struct Seen: Hashable { var a: UInt64; var b: UInt64 }

    let table: DecisionTable
    let policy: CompiledPolicy
    let proposals: ProposalTables
    let evaluator: Evaluator
    var view: ReviewTable
    var rowsByClass: [Int: [TableRow]] = [:]
    var rows: [RowKey: RowEvidence] = [:]
    /// Compliance rules by path, with their contribution.
    let compliance: [String: Requirement]
    var entries: [String: EntryEvidence] = [:]
    /// Per capability name a pattern entry governs (`github.merge` under `github.*`), or only
    /// `defaults.stage`: the pattern's key (or `defaults.stage`) and the name's evidence. The
    /// rewrite moves such a name on its own (an exact entry of its own), so it is judged on
    /// its own too.
    var patternNames: [String: (entry: String, evidence: EntryEvidence)] = [:]
    var capabilities: [String: SuggestionReport.CapabilityCounts] = [:]
    var confidences: [String: ConfidenceTally] = [:]
    var groups: [String: Group] = [:]
    var groupOrder: [String] = []
    var seen: [Seen: (line: Int, outcome: ReviewLine.Review.Outcome)] = [:]

    var lines = 0, reviews = 0, decisionRecords = 0, badLines = 0, duplicates = 0
    var disabled = 0, invalid = 0, kindMismatch = 0
    var notes: [String] = []
    /// The log being read (messages name it).
    var log = ""
    let problem: (String) -> Void

    /// Notes kept in the report (every one goes to `problem`).
    static let maxNotes = 20

    init(table: DecisionTable, policy: CompiledPolicy, proposals: ProposalTables, problem: @escaping (String) -> Void) {
        self.table = table
        self.policy = policy
        self.proposals = proposals
        self.problem = problem
        evaluator = Evaluator(table: table)
        var compliance: [String: Requirement] = [:]
        for rule in table.rules where rule.kind == .compliance { compliance[rule.path] = rule.contribution }
        self.compliance = compliance
        view = ReviewTable(table)
    }

    mutating func note(_ line: Int, _ text: String) {
        let message = "\(log):\(line): \(text)"
        if notes.count < Self.maxNotes { notes.append(message) }
        problem(message)
    }

    mutating func tooLong(line: Int) {
        lines += 1
        badLines += 1
        note(line, "longer than \(ActionStream.maxLine) bytes: skipped")
    }

    /// Reads one non-blank line.
    mutating func add(_ bytes: [UInt8], line: Int) {
        lines += 1
        switch ReviewLine.read(bytes) {
        case .decisionRecord: decisionRecords += 1
        case .bad(let why):
            badLines += 1
            note(line, why)
        case .review(let r): add(r, line: line)
        }
    }

    private mutating func add(_ r: ReviewLine.Review, line: Int) {
        if let identity = r.identity {
            let digest = Array(SHA256.hash(data: identity))
            var a: UInt64 = 0, b: UInt64 = 0
            for k in 0..<8 { a = a << 8 | UInt64(digest[k]); b = b << 8 | UInt64(digest[8 + k]) }
            let key = Seen(a: a, b: b)
            if let first = seen[key] {
                duplicates += 1
                let differs = first.outcome == r.outcome ? "" : " (it says \(r.outcome.rawValue), line \(first.line) says \(first.outcome.rawValue): the first is kept)"
                note(line, "duplicate of line \(first.line): same action, review, requested, decided and reviewer; skipped\(differs)")
                return
            }
            seen[key] = (line, r.outcome)
        }
        let action = Action(json: r.action, line: line)
        let d = policy.decide(action)
        let name = capabilityName(d.capability ?? "(none)")
        guard let rung = AutonomyStep(d) else {
            if d.outcome == .invalid {
                invalid += 1
                capabilities[name, default: .init(name: name)].invalid += 1
                let errors = d.errors.map { e in e.field.map { "\($0): \(e.message)" } ?? e.message }.joined(separator: "; ")
                note(line, "the reviewed action is invalid under the policy (\(errors)): counted, not used")
            } else {
                disabled += 1
                capabilities[name, default: .init(name: name)].disabled += 1
            }
            return
        }
        reviews += 1
        if (rung == .approval) != (r.kind == .pre) { kindMismatch += 1 }
        capabilities[name, default: .init(name: name)].tally.add(r.outcome)
        let point = r.action.withUnsafeBufferPointer { evaluator.point(json: $0) }
        if let point {
            // The entry's moves, decided only where its rung allows them (each decision costs).
            var up: AutonomyStep?, down: AutonomyStep?
            let rule = table.rules[table.classes[point.classIndex].entryRule]
            if rule.kind == .entry {
                let key = String(rule.path.dropFirst("capabilities.".count))
                var e = entries[key] ?? EntryEvidence()
                e.all.add(r.outcome)
                let entryRung = proposals.entries[key].flatMap { AutonomyStep($0) }
                if entryRung?.promoted != nil, let p = proposals.promoted {
                    let moved = p.decide(action)
                    if ProposalTables.differ(d, moved) { e.promote.add(r.outcome) }
                    up = AutonomyStep(moved)
                }
                if entryRung?.demoted != nil, let p = proposals.demoted {
                    let moved = p.decide(action)
                    if ProposalTables.differ(d, moved) { e.demote.add(r.outcome) }
                    down = AutonomyStep(moved)
                }
                // The name's share of a pattern's evidence: the same moves, its reviews only.
                if key.hasSuffix("*"), let n = d.capability, n != key, name == n {
                    var share = patternNames[n]?.evidence ?? EntryEvidence()
                    let before = entries[key] ?? EntryEvidence()
                    share.all.add(r.outcome)
                    if e.promote != before.promote { share.promote.add(r.outcome) }
                    if e.demote != before.demote { share.demote.add(r.outcome) }
                    patternNames[n] = (key, share)
                }
                entries[key] = e
            } else if let dr = proposals.defaultsRung, let n = d.capability, name == n {
                // A name only defaults.stage governs: its own evidence, as an entry's.
                var share = patternNames[n]?.evidence ?? EntryEvidence()
                share.all.add(r.outcome)
                if dr.promoted == .review, let p = proposals.promoted {
                    let moved = p.decide(action)
                    if ProposalTables.differ(d, moved) { share.promote.add(r.outcome) }
                    up = AutonomyStep(moved)
                }
                if dr.demoted == .review, let p = proposals.demoted {
                    let moved = p.decide(action)
                    if ProposalTables.differ(d, moved) { share.demote.add(r.outcome) }
                    down = AutonomyStep(moved)
                }
                patternNames[n] = ("defaults.stage", share)
            }
            if let k = row(of: point) {
                var e = rows[k] ?? RowEvidence()
                e.all.add(r.outcome)
                let holding = d.reasons.filter { reason in
                    guard let c = compliance[reason.rule], c != .bottom, let cr = AutonomyStep(c) else { return false }
                    return cr <= rung
                }.map(\.rule)
                if holding.isEmpty { e.free.add(r.outcome) } else { e.heldBy.formUnion(holding) }
                if let up, up == rung.promoted { e.followUp += 1 }
                if let down, down == rung.demoted { e.followDown += 1 }
                rows[k] = e
            }
            if r.outcome != .expired, let c = point[.confidence] {
                confidences[name, default: ConfidenceTally()].add(billionths: Self.billionths(c), correct: r.outcome == .approved)
            }
        }
        for a in d.approvals {
            if groups[a.name] == nil {
                groups[a.name] = Group(kind: a.kind.rawValue, slaSeconds: a.slaSeconds)
                groupOrder.append(a.name)
            }
            groups[a.name]!.tally.add(r.outcome)
            if r.outcome != .expired, let q = r.requested, let t = r.decided {
                groups[a.name]!.durations.append((t.seconds - q.seconds) * 1_000_000_000 + Int64(t.nanoseconds - q.nanoseconds))
            }
        }
    }

    /// The name counts are kept under: the first 500 names, then `(other)`.
    private func capabilityName(_ name: String) -> String {
        capabilities[name] != nil || capabilities.count < RoutingCounts.maxCapabilities ? name : "(other)"
    }

    /// The reviewer's-table row of a point (its class's rows built on first use).
    private mutating func row(of p: ActionPoint) -> RowKey? {
        if rowsByClass[p.classIndex] == nil { rowsByClass[p.classIndex] = view.rows(of: table.classes[p.classIndex]) }
        guard let k = rowsByClass[p.classIndex]!.firstIndex(where: { $0.region.contains(p) }) else { return nil }
        return RowKey(classIndex: p.classIndex, row: k)
    }

    /// A confidence in [0, 1] in billionths, cut past nine decimals.
    static func billionths(_ c: ExactDecimal) -> Int64 {
        guard !c.isNegative, !c.digits.isEmpty else { return 0 }
        var v: Int64 = 0
        let shift = c.exponent + 9
        let kept = shift >= 0 ? c.digits.count : c.digits.count + shift
        guard kept > 0 else { return 0 }
        for d in c.digits.prefix(kept) { v = v * 10 + Int64(d) }
        if shift > 0 { for _ in 0..<shift { v *= 10 } }
        return min(v, ConfidenceTally.one)
    }
}
