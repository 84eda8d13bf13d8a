import Testing
@testable import HITLPolicy

/// Tool-call lines (SPEC §11): the `tools:` mapping, decided by the evaluator as the action it
/// makes (Action/ToolCall.swift, Evaluation/Evaluator+ToolCall.swift).
@Suite("tool calls")
struct ToolCallTests {
    static let policy = """
        version: 1
        name: tools
        currency: USD
        exchange_rates: {EUR: 1.08, JPY: 0.0067, KWD: 3.25}
        tiers:
          - {name: team, approvers: [leads], sla: 1h}
          - {name: lead, approvers: [finance-leads], sla: 1h}
        capabilities:
          refund:
            stage: autonomous
            spend:
              - {over: 100, tier: team}
              - {over: 5000, tier: lead}
          deploy:
            stage: autonomous
            blast_radius:
              - {over: 2, tier: team}
          Read: autonomous
        compliance:
          - id: pii
            when: {tags: [pii]}
            tier: lead
          - id: prod
            when: {capability: deploy, attributes: {env.name: production}}
            stage: disabled
        tools:
          mcp__stripe__create_refund:
            capability: refund
            amount: {value: amount, currency: currency, minor_units: true}
            tags: labels
            attributes: {customer: customer.id}
          mcp__stripe__refund_dollars:
            capability: refund
            amount: amount
          "mcp__deploy__*":
            capability: deploy
            blast_radius: {count: hosts}
            reversible: false
            attributes: {env.name: target.environment, env.zone: target.zone}
          mcp__deploy__canary:
            capability: deploy
            confidence: score
        """

    static let compiled: CompiledPolicy = {
        let loaded = CompiledPolicy.compile(yaml: Array(policy.utf8), file: "tools.yaml")
        return loaded.policy!
    }()

    func decide(_ line: String) -> Decision { Self.compiled.decide(Action(json: line)) }

    /// The action line the mapping makes of `line`.
    func mapped(_ line: String) -> (String, [String]) {
        let table = Self.compiled.table
        let r = Array(line.utf8).withUnsafeBufferPointer { ToolCall.read($0, tools: table.tools, currency: table.currency) }
        switch r {
        case .mapped(let a, let e): return (String(decoding: a, as: UTF8.self), e.map(\.message))
        case .invalid(let e): return ("", e.map(\.message))
        case .notToolCall: return ("-", [])
        }
    }

    @Test func policyLintsClean() {
        #expect(CompiledPolicy.compile(yaml: Array(Self.policy.utf8), file: "tools.yaml").diagnostics.filter { $0.severity == .error }.isEmpty)
    }

    @Test(arguments: [
        // Minor units are divided exactly by the currency's ISO 4217 exponent.
        ("{\"tool\":\"mcp__stripe__create_refund\",\"args\":{\"amount\":5000,\"currency\":\"usd\"}}", "{\"value\":\"50.00\",\"currency\":\"USD\"}"),
        ("{\"tool\":\"mcp__stripe__create_refund\",\"args\":{\"amount\":5000,\"currency\":\"JPY\"}}", "{\"value\":\"5000\",\"currency\":\"JPY\"}"),
        ("{\"tool\":\"mcp__stripe__create_refund\",\"args\":{\"amount\":5,\"currency\":\"KWD\"}}", "{\"value\":\"0.005\",\"currency\":\"KWD\"}"),
        ("{\"tool\":\"mcp__stripe__create_refund\",\"args\":{\"amount\":\"123456789012345678901234567890\",\"currency\":\"EUR\"}}",
         "{\"value\":\"1234567890123456789012345678.90\",\"currency\":\"EUR\"}"),
        ("{\"tool\":\"mcp__stripe__create_refund\",\"args\":{\"amount\":5e3,\"currency\":\"USD\"}}", "{\"value\":\"50.00\",\"currency\":\"USD\"}"),
        // One path: a number in the policy currency, copied as written.
        ("{\"tool\":\"mcp__stripe__refund_dollars\",\"args\":{\"amount\":12.50}}", "12.50"),
        ("{\"tool\":\"mcp__stripe__refund_dollars\",\"args\":{\"amount\":\"12.50\"}}", "{\"value\":\"12.50\",\"currency\":\"USD\"}"),
    ])
    func amounts(_ line: String, _ amount: String) {
        let (action, errors) = mapped(line)
        #expect(errors.isEmpty)
        #expect(action.contains("\"amount\":\(amount)"), "\(action)")
    }

    @Test func mappedActionsAreDecidedAsActions() {
        // 620000 EUR cents = 6200.00 EUR = 6696 USD: over 5000, lead; the pii label too.
        let d = decide("{\"id\":\"t1\",\"tool\":\"mcp__stripe__create_refund\",\"args\":{\"amount\":620000,\"currency\":\"eur\",\"labels\":\"pii\",\"customer\":{\"id\":\"c9\"}}}")
        #expect(d.outcome == .approval)
        #expect(d.capability == "refund")
        #expect(d.approvals.map(\.name) == ["lead"])
        #expect(d.reasons.map(\.rule).contains("compliance.pii"))
        #expect(d.id?.description == "\"t1\"" || d.json.contains("\"id\":\"t1\""))
        let direct = decide("{\"id\":\"t1\",\"capability\":\"refund\",\"amount\":{\"value\":\"6200.00\",\"currency\":\"EUR\"},\"tags\":[\"pii\"]}")
        #expect(d.outcome == direct.outcome && d.approvals == direct.approvals && d.reasons == direct.reasons)
    }

    @Test func missingPathsFailClosed() {
        // No amount argument: the amount is missing, over every band.
        let d = decide("{\"tool\":\"mcp__stripe__create_refund\",\"args\":{}}")
        #expect(d.outcome == .approval)
        #expect(d.assumed.contains { $0.field == "amount" })
        // A currency path that is absent: the amount cannot be read, so it is missing too.
        #expect(decide("{\"tool\":\"mcp__stripe__create_refund\",\"args\":{\"amount\":1}}").assumed.contains { $0.field == "amount" })
        // No hosts: blast radius missing, over every band; no environment: every condition on it met.
        let deploy = decide("{\"tool\":\"mcp__deploy__web\",\"args\":{}}")
        #expect(deploy.outcome == .disabled)
    }

    @Test(arguments: [
        "{\"tool\":\"mcp__stripe__create_refund\",\"args\":{\"amount\":50.5,\"currency\":\"JPY\"}}",       // not whole
        "{\"tool\":\"mcp__stripe__create_refund\",\"args\":{\"amount\":-5,\"currency\":\"USD\"}}",         // negative
        "{\"tool\":\"mcp__stripe__create_refund\",\"args\":{\"amount\":-0,\"currency\":\"USD\"}}",         // -0
        "{\"tool\":\"mcp__stripe__create_refund\",\"args\":{\"amount\":true,\"currency\":\"USD\"}}",       // wrong type
        "{\"tool\":\"mcp__stripe__create_refund\",\"args\":{\"amount\":5,\"currency\":\"XAU\"}}",          // no minor unit
        "{\"tool\":\"mcp__stripe__create_refund\",\"args\":{\"amount\":5,\"currency\":\"ABC\"}}",          // unknown
        "{\"tool\":\"mcp__stripe__create_refund\",\"args\":{\"amount\":5,\"currency\":7}}",                // not a string
        "{\"tool\":\"mcp__stripe__refund_dollars\",\"args\":{\"amount\":-0}}",                             // -0 copied as written
        "{\"tool\":\"mcp__stripe__refund_dollars\",\"args\":{\"amount\":[1]}}",
        "{\"tool\":\"mcp__deploy__web\",\"args\":{\"hosts\":3}}",                                           // not an array to count
        "{\"tool\":\"mcp__deploy__canary\",\"args\":{\"score\":\"high\"}}",                                 // confidence not a number
        "{\"tool\":\"mcp__deploy__canary\",\"args\":{\"score\":1.5}}",                                      // out of range
        "{\"tool\":\"mcp__stripe__create_refund\",\"args\":{\"labels\":[1]}}",                              // tags not strings
        "{\"tool\":\"mcp__stripe__create_refund\",\"args\":{\"customer\":{\"id\":{\"x\":1}}},\"x\":1}",     // object attribute: fine
        "{\"\\u0074ool\":\"Read\",\"args\":{}}",                                                     // an escaped key: no tool call, no capability
        "{\"tool\":5}", "{\"tool\":\"\"}", "{\"tool\":\"Read\",\"args\":[]}", "{\"tool\":\"Read\",\"args\":\"x\"}",
    ])
    func wrongValuesAreInvalid(_ line: String) {
        let d = decide(line)
        if line.contains("\"x\":1}}},") {
            #expect(d.outcome != .invalid, "\(d.json)")
        } else {
            #expect(d.outcome == .invalid, "\(line) → \(d.json)")
        }
        // eval's stream decides the same line alike.
        #expect(evalLine(line).contains("\"decision\":\"\(d.outcome.rawValue)\""))
    }

    @Test func countsArraysAndMapsNestedAttributes() {
        let (action, errors) = mapped("{\"tool\":\"mcp__deploy__web\",\"time\":\"2026-11-20T14:03:07Z\",\"args\":{\"hosts\":[1,2,3],\"target\":{\"environment\":\"staging\",\"zone\":\"eu\"}}}")
        #expect(errors.isEmpty)
        #expect(action == "{\"time\":\"2026-11-20T14:03:07Z\",\"capability\":\"deploy\",\"blast_radius\":3,\"reversible\":false,"
                + "\"attributes\":{\"env\":{\"name\":\"staging\",\"zone\":\"eu\"}},\"tool\":\"mcp__deploy__web\","
                + "\"args\":{\"hosts\":[1,2,3],\"target\":{\"environment\":\"staging\",\"zone\":\"eu\"}}}")
        #expect(decide("{\"tool\":\"mcp__deploy__web\",\"args\":{\"hosts\":[1,2,3],\"target\":{\"environment\":\"staging\"}}}").approvals.map(\.name) == ["team"])
        #expect(decide("{\"tool\":\"mcp__deploy__web\",\"args\":{\"hosts\":[],\"target\":{\"environment\":\"production\"}}}").outcome == .disabled)
    }

    @Test func exactNameBeatsPatternAndUnmappedToolsUseTheirName() {
        #expect(mapped("{\"tool\":\"mcp__deploy__canary\",\"args\":{\"score\":0.5}}").0.contains("\"confidence\":0.5"))
        #expect(!mapped("{\"tool\":\"mcp__deploy__canary\",\"args\":{\"hosts\":[1]}}").0.contains("blast_radius"))
        #expect(decide("{\"tool\":\"Read\",\"args\":{\"file_path\":\"/x\"}}").outcome == .autonomous)
        #expect(decide("{\"tool\":\"Write\",\"args\":{}}").outcome == .disabled)
        // A line with a capability is an action, whatever else it carries.
        #expect(mapped("{\"capability\":\"Read\",\"tool\":\"Write\"}").0 == "-")
    }

    @Test func argumentsCanBeDroppedForTheLog() {
        let line = Array("{\"a\":1, \"args\": {\"secret\": \"s\"}, \"b\": [1, 2]}".utf8)
        #expect(String(decoding: line.withUnsafeBufferPointer { ToolCall.droppingArgs($0) }, as: UTF8.self) == "{\"a\":1,\"b\":[1,2]}")
    }

    @Test func tablesCarryTheMappingExactly() throws {
        let table = Self.compiled.table
        let bytes = PolicyCompilation.artifactBytes(table)
        let back = try TableArtifactReader.read(bytes)
        #expect(back.tools.entries.map(\.pattern) == table.tools.entries.map(\.pattern))
        #expect(back.tools.entries.map(\.amount) == table.tools.entries.map(\.amount))
        #expect(back.tools.entries.map(\.attributes) == table.tools.entries.map(\.attributes))
        #expect(back.tools.entries.map(\.blastRadius) == table.tools.entries.map(\.blastRadius))
        #expect(back.tools.entries.map(\.reversible) == table.tools.entries.map(\.reversible))
        #expect(PolicyCompilation.artifactBytes(back) == bytes)
        // The digest covers the mapping: a changed path is a changed table.
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\"capability\":\"refund\"", with: "\"capability\":\"Read\"")
        guard case .invalid = TableLoad.load(bytes: Array(text.utf8), label: "t.json", allowTable: true, diagrams: true) else {
            Issue.record("an edited tools member was accepted")
            return
        }
    }

    @Test func explainShowsTheMappedAction() {
        let e = Evaluator(table: Self.compiled.table)
        e.explain = true
        var out: [UInt8] = []
        Array("{\"tool\":\"mcp__deploy__web\",\"args\":{\"hosts\":[1]}}".utf8).withUnsafeBufferPointer { _ = e.evaluate(line: $0, number: 1, into: &out) }
        let text = String(decoding: out, as: UTF8.self)
        #expect(text.contains("\"explain\":{\"tool_call_action\":{\"capability\":\"deploy\",\"blast_radius\":1,\"reversible\":false,\"tool\":\"mcp__deploy__web\",\"args\":{\"hosts\":[1]}},\"row\":"), "\(text)")
        // An action line has no tool_call_action.
        out.removeAll()
        Array("{\"capability\":\"deploy\"}".utf8).withUnsafeBufferPointer { _ = e.evaluate(line: $0, number: 1, into: &out) }
        #expect(!String(decoding: out, as: UTF8.self).contains("tool_call_action"))
    }

    /// The decision `eval`'s evaluator writes for one line.
    func evalLine(_ line: String) -> String {
        let e = Evaluator(table: Self.compiled.table)
        var out: [UInt8] = []
        Array(line.utf8).withUnsafeBufferPointer { _ = e.evaluate(line: $0, number: 1, into: &out) }
        return String(decoding: out, as: UTF8.self)
    }
}
