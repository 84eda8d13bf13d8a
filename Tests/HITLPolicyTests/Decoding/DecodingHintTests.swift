import Testing
@testable import HITLPolicy

/// Messages a person can act on, and one finding per mistake (no follow-on errors).
@Suite("Decoding hints and follow-on errors")
struct DecodingHintTests {
    static let head = "version: 1\nname: demo\n"
    static let ladder = "tiers:\n  - name: team\n    approvers: [leads]\n    sla: 1h\n"

    func decoded(_ text: String) throws -> Policy {
        let result = PolicyLoader.load(Array(text.utf8), file: "t.yaml")
        #expect(!result.hasErrors, "\(result.diagnostics.map(\.message))")
        return try #require(result.policy)
    }

    // MARK: One name or a list

    @Test func oneNameIsAListOfOneWhereverNamesAreListed() throws {
        let single = try decoded(Self.head + "tiers:\n  - name: team\n    approvers: sre-oncall\n    sla: 1h\n"
            + "specialists:\n  privacy:\n    approvers: dpo\n    sla: 1h\n"
            + "compliance:\n  - id: t\n    when: {tags: custom_terms}\n    specialists: privacy\n"
            + "  - id: u\n    when: {capability: deploy, tags: {none: prod}}\n    tier: team\n")
        let listed = try decoded(Self.head + "tiers:\n  - name: team\n    approvers: [sre-oncall]\n    sla: 1h\n"
            + "specialists:\n  privacy:\n    approvers: [dpo]\n    sla: 1h\n"
            + "compliance:\n  - id: t\n    when: {tags: [custom_terms]}\n    specialists: [privacy]\n"
            + "  - id: u\n    when: {capability: [deploy], tags: {none: [prod]}}\n    tier: team\n")
        #expect(single.tiers[0].approvers == ["sre-oncall"])
        #expect(single.specialists[0].approvers == ["dpo"])
        #expect(single.compliance[0].when.tags?.any == ["custom_terms"])
        #expect(single.compliance[0].effect.specialists == ["privacy"])
        // The two spellings compile to the same table: diff sees no change.
        let a = try #require(try? TableCompiler.compile(single, digest: ""))
        let b = try #require(try? TableCompiler.compile(listed, digest: ""))
        #expect(try PolicyDiff.diff(old: a, new: b).isEmpty)
    }

    @Test("a plain name with a comma is a list without its brackets", arguments: [
        ("tiers:\n  - name: team\n    approvers: alice, bob\n    sla: 1h\n", "[alice, bob]"),
        (ladder + "compliance:\n  - id: t\n    when:\n      tags: custom_terms, pii\n    tier: team\n", "[custom_terms, pii]"),
        (ladder + "compliance:\n  - id: t\n    when: {capability: 'deploy', tags: {all: 'a,b'}}\n    tier: team\n", nil),
    ])
    func commas(_ body: String, _ suggestion: String?) {
        let ds = lintText(Self.head + body)
        if let suggestion {
            let d = ds.first { $0.code == .wrongType }
            #expect(d?.message.contains("is one name with a comma in it") == true, "\(ds.map(\.message))")
            #expect(d?.hint?.hasPrefix("write a list in brackets: \(suggestion)") == true, "\(d?.hint ?? "")")
        } else {
            #expect(!ds.contains { $0.severity == .error }, "a quoted name keeps its comma: \(ds.map(\.message))")
        }
    }

    // MARK: Hints

    @Test("a percentage gets its number", arguments: [("80%", "0.8"), ("12.5%", "0.125"), ("100%", "1")])
    func percent(_ written: String, _ number: String) throws {
        let text = Self.head + Self.ladder + "capabilities:\n  refund:\n    stage: autonomous\n    confidence:\n      - below: \(written)\n        tier: team\n"
        let d = try #require(lintText(text).first { $0.code == .wrongType })
        #expect(d.hint == "numbers are written without '%': \(written) is \(number)")
    }

    @Test func aStarInsideANameIsExplainedWithoutSuggestingABroaderPattern() throws {
        let d = try #require(lintText(Self.head + "capabilities:\n  aws.*.delete: disabled\n").first { $0.code == .invalidPattern })
        #expect(d.hint?.contains("only a trailing '*'") == true)
        #expect(d.hint?.contains("aws.*") == false)
    }

    @Test func anUnknownStageNamesTheFieldOnce() throws {
        let long = try #require(lintText(Self.head + "capabilities:\n  refund:\n    stage: autonomus\n").first { $0.code == .invalidValue })
        #expect(long.message == "the stage of capability 'refund' must be one of autonomous, approval, disabled, not 'autonomus'")
        #expect(long.hint == "did you mean 'autonomous'?")
        let band = try #require(lintText(Self.head + Self.ladder + "currency: USD\ncapabilities:\n  refund:\n    stage: autonomous\n    spend:\n      - over: 1\n        stage: autonomous\n")
            .first { $0.code == .invalidValue })
        #expect(band.message == "the stage of spend[0] of capability 'refund' must be one of approval, disabled, not 'autonomous'")
    }

    // MARK: Follow-on errors

    @Test("one invalid value is reported once, not again by what depends on it", arguments: [
        // An invalid currency: not also "no currency is set" for each amount rule and rate.
        ("currency: usd\nexchange_rates: {EUR: 1.1}\n" + ladder
            + "capabilities:\n  refund:\n    stage: autonomous\n    spend:\n      - over: 100\n        tier: team\n"
            + "compliance:\n  - id: big\n    when: {amount: {over: 10000}}\n    tier: team\n", DiagnosticCode.invalidCurrency),
        // A ladder that is not a list: not also "no tiers" and "undefined tier".
        ("tiers: team\ncapabilities:\n  refund: approval\n  deploy:\n    stage: approval\n    tier: team\n", .wrongType),
        // A tier whose name cannot be read: not also "undefined tier" for references to it.
        ("tiers:\n  - name: [team]\n    approvers: [a]\n    sla: 1h\n    on_timeout: escalate\ndefaults:\n  tier: team\n", .wrongType),
        // Panels that are not a mapping: not also "undefined specialist".
        (ladder + "specialists: privacy\ncompliance:\n  - id: pii\n    when: {tags: [pii]}\n    specialists: [privacy]\n", .wrongType),
        // A panel that is not a mapping: not also "has no SLA".
        (ladder + "specialists:\n  privacy: dpo\ncompliance:\n  - id: pii\n    when: {tags: [pii]}\n    specialists: [privacy]\n", .wrongType),
        // A bound that is not a number: not also "the range has no bounds".
        ("currency: USD\n" + ladder + "compliance:\n  - id: r\n    when: {amount: {over: abc}}\n    tier: team\n", .wrongType),
    ])
    func rootCauseOnly(_ body: String, _ code: DiagnosticCode) {
        let found = lintText(Self.head + body).filter { $0.severity != .note }
        #expect(found.map(\.code) == [code], "\(found.map { "\($0.code.id) \($0.message)" })")
    }
}
