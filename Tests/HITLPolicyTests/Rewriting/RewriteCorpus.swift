@testable import HITLPolicy

/// Seeded policies in every shape the rewriter edits, and suggestion sets for them, for the
/// round-trip property test: short and long forms (block and flow), tiers or none, `review`
/// written or not, bands, patterns, names only `defaults` governs, comments on many lines,
/// quoted keys, 2- or 4-space indentation, CRLF line ends and a byte order mark. Every
/// policy lints without errors (the test checks that first).
struct RewriteCorpus {
    var rng: SplitMix
    var lines: [String] = []
    var tiers: [String] = []
    var unit = "  "

    static let names = ["refund", "payout", "lookup", "send_email", "close_account", "db.read", "db.write", "github.push",
                        "caf\u{E9}", "needs space", "true", "x-1"]
    static let patterns = ["db.*", "github.*", "*"]

    init(seed: UInt64) { rng = SplitMix(state: seed &* 0x9E37_79B9_7F4A_7C15 &+ 1) }

    mutating func chance(_ percent: Int) -> Bool { rng.below(100) < percent }
    mutating func pick<T>(_ xs: [T]) -> T { xs[rng.below(xs.count)] }

    /// A comment to end a line with, sometimes.
    mutating func comment() -> String { chance(25) ? "   # note \(rng.below(100))" : "" }

    /// A key as the file might write it: plain when it can be, sometimes quoted anyway.
    mutating func key(_ name: String) -> String {
        if name.hasSuffix("*") && name != "*" && chance(70) { return name }
        if YAMLWriting.plainKey(name) { return chance(15) ? "\"\(name)\"" : (chance(10) ? "'\(name)'" : name) }
        return YAMLWriting.doubleQuoted(name)
    }

    /// A policy and the text it is written as.
    mutating func policy() -> String {
        unit = chance(30) ? "    " : "  "
        tiers = chance(12) ? [] : Array(["team", "lead", "exec"].prefix(1 + rng.below(3)))
        lines = ["# generated policy\(comment())", "version: 1", "name: generated", "currency: USD"]
        if !tiers.isEmpty {
            lines.append("tiers:")
            for t in tiers { lines += ["\(unit)- name: \(t)\(comment())", "\(unit)  approvers: [\(t)-group]", "\(unit)  sla: 1h"] }
        }
        var stages = ["autonomous", "disabled"]
        if !tiers.isEmpty { stages.append("approval") }
        if chance(60) {
            lines.append("defaults:\(comment())")
            lines.append("\(unit)stage: \(pick(stages))")
            if !tiers.isEmpty && chance(50) { lines.append("\(unit)tier: \(pick(tiers))") }
        }
        if chance(90) { capabilities(stages) }
        if !tiers.isEmpty && chance(40) {
            lines += ["compliance:", "\(unit)- id: pii", "\(unit)  when: {tags: [pii]}", "\(unit)  tier: \(tiers.last!)"]
        }
        if chance(20) { lines.append("# the end") }
        var text = lines.joined(separator: "\n") + (chance(90) ? "\n" : "")
        if chance(20) { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
        if chance(10) { text = "\u{FEFF}" + text }
        return text
    }

    mutating func capabilities(_ stages: [String]) {
        var names = Self.names.filter { _ in chance(45) }
        names += Self.patterns.filter { _ in chance(30) }
        if names.isEmpty { names = [pick(Self.names)] }
        let flow = chance(15)
        var members: [String] = []
        for name in names {
            let stage = pick(stages)
            let k = key(name)
            if chance(35) {
                members.append("\(k): \(stage)")
                continue
            }
            var fields: [(String, String)] = [("stage", chance(15) ? "\"\(stage)\"" : stage)]
            if stage == "approval" && chance(60) { fields.append(("tier", pick(tiers))) }
            if stage == "approval" && chance(10) { fields.append(("review", "true")) }
            if stage == "autonomous" && chance(60) { fields.append(("review", chance(50) ? "true" : "false")) }
            if chance(25) { fields.append(("reversible", chance(50) ? "true" : "false")) }
            if chance(20) { fields.append(("description", "Generated entry")) }
            fields.shuffle(using: &rng)
            let bands = !tiers.isEmpty && chance(35)
            if flow || chance(25) {
                var inner = fields.map { "\($0.0): \($0.1)" }
                if bands { inner.append("spend: [{over: 100, tier: \(tiers.last!)}]") }
                members.append("\(k): {\(inner.joined(separator: ", "))}")
            } else {
                var entry = ["\(k):\(comment())"]
                for f in fields {
                    if chance(10) { entry.append("\(unit)# about \(f.0)") }
                    entry.append("\(unit)\(f.0): \(f.1)\(comment())")
                }
                if bands {
                    entry += ["\(unit)spend:", "\(unit)\(unit)- over: 100\(comment())", "\(unit)\(unit)  tier: \(tiers.first!)"]
                    if tiers.count > 1 { entry += ["\(unit)\(unit)- over: 5000", "\(unit)\(unit)  tier: \(tiers.last!)"] }
                }
                members.append(entry.joined(separator: "\n"))
            }
        }
        if flow {
            lines.append("capabilities: {\(members.joined(separator: ", "))}\(comment())")
        } else {
            lines.append("capabilities:\(comment())")
            lines += members.map { $0.split(separator: "\n", omittingEmptySubsequences: false).map { unit + $0 }.joined(separator: "\n") }
        }
    }

    /// Up to four changes for `policy`: names it lists, names under its patterns and names
    /// only `defaults` governs; mostly from the rung the policy says, sometimes not.
    mutating func changes(for policy: Policy) -> [StageChange] {
        let candidates = Self.names + ["db.migrate", "github.create_pr", "other_tool", "new thing"]
        var out: [StageChange] = []
        for _ in 0..<(1 + rng.below(4)) {
            var name = pick(candidates)
            // Mostly names on the ladder, and a name asked twice now and then.
            for _ in 0..<3 where policy.entry(for: name).map({ $0.stage == .disabled }) ?? (policy.defaults.stage == .disabled) {
                name = pick(candidates)
            }
            if out.contains(where: { $0.capability == name }) && chance(80) { continue }
            let entry = policy.entry(for: name)
            let current = AutonomyStep(stage: entry?.stage ?? policy.defaults.stage, review: entry?.review ?? false)
            let from = current != nil && chance(85) ? current! : pick(AutonomyStep.allCases)
            let to: AutonomyStep = from == .review ? (chance(50) ? .approval : .autonomous) : .review
            out.append(StageChange(capability: name, from: from, to: to))
        }
        return out
    }
}
