import Foundation
import Testing
@testable import HITLPolicy

/// `diff --traffic` places a tool-call line (`{"tool": …, "args": …}`) where the action its
/// policy's `tools:` mapping makes lies, when both policies make the same action of it; a call
/// the two mappings make different actions of (a changed mapping, reported by itself) lies in
/// no region.
@Suite("Diff traffic: tool calls")
struct DiffTrafficToolCallTests {
    static func table(_ yaml: String) throws -> DecisionTable {
        try #require(PolicyCompilation.compile(Array(yaml.utf8), file: "p.yaml").table, "does not compile")
    }

    /// `yaml` with each edit made (each must be found).
    static func edited(_ yaml: String, _ edits: [(String, String)]) throws -> String {
        var out = yaml
        for (from, to) in edits {
            #expect(out.contains(from), "edit not found: \(from)")
            out = out.replacingOccurrences(of: from, with: to)
        }
        return out
    }

    /// The traffic counts of `lines` as a log.
    static func counts(_ lines: [String], _ old: DecisionTable, _ new: DecisionTable) throws -> DiffTraffic {
        let report = try PolicyDiff.diff(old: old, new: new)
        return try DiffTraffic.count(log: Array(lines.map { $0 + "\n" }.joined().utf8), report: report, old: old, new: new)
    }

    /// Each tool call lands in the region of the action its mapping makes (same counts per
    /// region as that action written out); a call in no changed region, or invalid, does not.
    static func expectPlacedLikeActions(_ pairs: [(call: String, action: String)], _ old: DecisionTable, _ new: DecisionTable) throws {
        for (call, action) in pairs {
            let c = try counts([call], old, new), a = try counts([action], old, new)
            #expect(c.invalid == a.invalid && c.placed == a.placed && c.regions == a.regions && c.groups == a.groups,
                    "\(call): placed \(c.placed) in \(c.regions), its action \(a.placed) in \(a.regions)")
        }
    }

    static let codingAgentEdits = [
        ("      - over: 500\n        tier: maintainer", "      - over: 1000\n        tier: maintainer"),
        ("    tier: developer\n  - id: inline-code", "    stage: disabled\n  - id: inline-code"),
    ]

    @Test func codingAgentCallsLandWithTheirActions() throws {
        let source = String(decoding: try Repo.bytes("policies/coding-agent.yaml"), as: UTF8.self)
        let old = try Self.table(source), new = try Self.table(try Self.edited(source, Self.codingAgentEdits))
        let pairs: [(call: String, action: String)] = [
            (#"{"tool":"mcp__stripe__create_refund","args":{"amount":70000,"currency":"USD"}}"#,
             #"{"capability":"refund","amount":{"value":"700.00","currency":"USD"}}"#),
            (#"{"id":"t-2","tool":"mcp__stripe__create_refund","args":{"amount":65000,"currency":"EUR"}}"#,
             #"{"capability":"refund","amount":{"value":"650.00","currency":"EUR"}}"#),
            (#"{"tool":"mcp__stripe__create_refund","args":{"amount":2000,"currency":"USD"}}"#,
             #"{"capability":"refund","amount":{"value":"20.00","currency":"USD"}}"#),
            (#"{"tool":"Bash","args":{"command":"cd repo && git push origin main"}}"#,
             #"{"capability":"Bash","attributes":{"command":"cd repo && git push origin main"}}"#),
            (#"{"tool":"Bash","args":{"command":"ls -la"}}"#, #"{"capability":"Bash","attributes":{"command":"ls -la"}}"#),
            (#"{"tool":"Read","args":{"file_path":"/repo/README.md"}}"#, #"{"capability":"Read"}"#),
            (#"{"tool":"mcp__stripe__create_refund","args":{"amount":-500,"currency":"USD"}}"#,
             #"{"capability":"refund","amount":{"value":"-5.00","currency":"USD"}}"#),
        ]
        try Self.expectPlacedLikeActions(pairs, old, new)
        let all = try Self.counts(pairs.map(\.call) + [#"{"tool":42}"#], old, new)
        #expect(all.total == 8 && all.invalid == 2 && all.placed == 3, "\(all.headline)")
    }

    /// The evaluator's mapping of tags, nested attributes, minor units and a prefix pattern.
    @Test func mappedTagsAttributesAndCurrencies() throws {
        let old = try Self.table(ToolCallTests.policy)
        let new = try Self.table(try Self.edited(ToolCallTests.policy, [
            ("- {over: 100, tier: team}", "- {over: 200, tier: team}"),
            ("attributes: {env.name: production}}\n    stage: disabled", "attributes: {env.name: production}}\n    tier: lead"),
        ]))
        let pairs: [(call: String, action: String)] = [
            (#"{"tool":"mcp__stripe__create_refund","args":{"amount":15000,"currency":"EUR","labels":[],"customer":{"id":"c-1"}}}"#,
             #"{"capability":"refund","amount":{"value":"150.00","currency":"EUR"},"tags":[],"attributes":{"customer":"c-1"}}"#),
            (#"{"tool":"mcp__stripe__create_refund","args":{"amount":15000,"currency":"EUR","labels":["pii"]}}"#,
             #"{"capability":"refund","amount":{"value":"150.00","currency":"EUR"},"tags":["pii"]}"#),
            (#"{"tool":"mcp__stripe__refund_dollars","args":{"amount":150}}"#, #"{"capability":"refund","amount":150}"#),
            (#"{"tool":"mcp__deploy__rollout","args":{"hosts":["a","b"],"target":{"environment":"production","zone":"eu"}}}"#,
             #"{"capability":"deploy","blast_radius":2,"reversible":false,"attributes":{"env":{"name":"production","zone":"eu"}}}"#),
            (#"{"tool":"mcp__deploy__rollout","args":{"hosts":["a"],"target":{"environment":"staging"}}}"#,
             #"{"capability":"deploy","blast_radius":1,"reversible":false,"attributes":{"env":{"name":"staging"}}}"#),
        ]
        try Self.expectPlacedLikeActions(pairs, old, new)
        let all = try Self.counts(pairs.map(\.call), old, new)
        #expect(all.placed == 3, "\(all.headline)")
    }

    /// A call whose tool the two policies map differently lies in no region, though the action
    /// either mapping makes lies in one.
    @Test func callsMappedDifferentlyAreNotPlaced() throws {
        let source = String(decoding: try Repo.bytes("policies/coding-agent.yaml"), as: UTF8.self)
        let old = try Self.table(source)
        let new = try Self.table(try Self.edited(source, Self.codingAgentEdits + [
            ("  Bash:\n    attributes: {command: command}", "  Bash:\n    attributes: {command: cmd}"),
        ]))
        let call = try Self.counts([#"{"tool":"Bash","args":{"command":"git push origin main"}}"#], old, new)
        let action = try Self.counts([#"{"capability":"Bash","attributes":{"command":"git push origin main"}}"#], old, new)
        #expect(action.placed == 1 && call.placed == 0 && call.invalid == 0)
        let refund = try Self.counts([#"{"tool":"mcp__stripe__create_refund","args":{"amount":70000,"currency":"USD"}}"#], old, new)
        #expect(refund.placed == 1)
    }
}
