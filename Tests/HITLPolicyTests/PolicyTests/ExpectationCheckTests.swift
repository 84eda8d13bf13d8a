import Testing
@testable import HITLPolicy

/// `expect` is a partial match: each key given is checked with its own rule (exact value,
/// exact set, exact list, superset, substrings), keys not given are not checked.
@Suite("Expectation check")
struct ExpectationCheckTests {
    static let policy: CompiledPolicy = {
        guard let p = CompiledPolicy.load(path: Repo.root.appendingPathComponent("policies/payments.yaml").path).policy else {
            fatalError("policies/payments.yaml does not load")
        }
        return p
    }()

    /// The first case of a one-case test file with `expect` as given, decided with the action.
    static func mismatches(_ expect: String, action: String) throws -> [String] {
        let (file, ds) = TestFileDecoder.decode(Array("policy: p.yaml\ncases:\n  - action: \(action)\n    expect: \(expect)\n".utf8), file: "t.test.yaml")
        #expect(ds.isEmpty, "\(ds)")
        let c = try #require(file?.cases.first)
        return ExpectationCheck.mismatches(c.expect, policy.decide(Action(json: c.action))).map { "\($0.key): \($0.expected) / \($0.actual)" }
    }

    // 6200 EUR = 6696 USD with personal data: lead + privacy.
    static let pii = #"{capability: refund, amount: {value: "6200.00", currency: EUR}, confidence: 0.9, reversible: false, blast_radius: 1, tags: [pii]}"#

    @Test("only the keys given are checked")
    func partial() throws {
        #expect(try Self.mismatches("{decision: approval}", action: Self.pii).isEmpty)
        #expect(try Self.mismatches("{decision: approval, tier: lead}", action: Self.pii).isEmpty)
        #expect(try Self.mismatches("{decision: autonomous}", action: Self.pii) == ["decision: autonomous / approval"])
    }

    @Test("specialists: the exact set, in any order")
    func specialists() throws {
        let big = #"{capability: refund, amount: 12000, confidence: 0.9, blast_radius: 1, tags: [pii]}"#
        #expect(try Self.mismatches("{decision: approval, specialists: [privacy, aml]}", action: big).isEmpty)
        #expect(try Self.mismatches("{decision: approval, specialists: [privacy]}", action: big) == ["specialists: [privacy] / [aml, privacy]"])
        #expect(try Self.mismatches("{decision: approval, specialists: []}", action: Self.pii) == ["specialists: [] / [privacy]"])
    }

    @Test("approvals: the exact list, in order (tier first)")
    func approvals() throws {
        #expect(try Self.mismatches("{decision: approval, approvals: [lead, privacy]}", action: Self.pii).isEmpty)
        #expect(try Self.mismatches("{decision: approval, approvals: [privacy, lead]}", action: Self.pii) == ["approvals: [privacy, lead] / [lead, privacy]"])
        #expect(try Self.mismatches("{decision: approval, approvals: [lead]}", action: Self.pii) == ["approvals: [lead] / [lead, privacy]"])
    }

    @Test("reasons: the rules given must be among the reasons (a superset passes)")
    func reasons() throws {
        #expect(try Self.mismatches("{decision: approval, reasons: [compliance.pii-privacy-review]}", action: Self.pii).isEmpty)
        let m = try Self.mismatches("{decision: approval, reasons: [compliance.pii-privacy-review, compliance.aml-large-transfers]}", action: Self.pii)
        #expect(m.count == 1)
        #expect(m.first?.hasPrefix("reasons: to include [compliance.aml-large-transfers] / [capabilities.refund, ") == true)
    }

    @Test("tier: a name or none; review: the flag")
    func tierAndReview() throws {
        let small = "{capability: refund, amount: 10, confidence: 0.9, reversible: false, blast_radius: 1, tags: []}"
        #expect(try Self.mismatches("{decision: autonomous, tier: none, review: true}", action: small).isEmpty)
        #expect(try Self.mismatches("{decision: autonomous, review: false}", action: small) == ["review: false / true"])
        #expect(try Self.mismatches("{decision: approval, tier: team}", action: Self.pii) == ["tier: team / lead"])
    }

    @Test("assumed: the exact set of assumed fields")
    func assumed() throws {
        let bare = "{capability: refund, amount: 10}"
        #expect(try Self.mismatches("{decision: approval, assumed: [tags, reversible, blast_radius, confidence]}", action: bare).isEmpty)
        #expect(try Self.mismatches("{decision: approval, assumed: [confidence]}", action: bare)
                == ["assumed: [confidence] / [blast_radius, confidence, reversible, tags]"])
        #expect(try Self.mismatches("{decision: approval, assumed: []}", action: Self.pii).isEmpty)
    }

    @Test("errors: each given text must be a substring of some 'field: message'")
    func errors() throws {
        let bad = "{capability: refund, amount: -1, confidence: 2}"
        #expect(try Self.mismatches(#"{decision: invalid, errors: ["amount: must not be negative", "confidence"]}"#, action: bad).isEmpty)
        #expect(try Self.mismatches(#"{decision: invalid, errors: [currency]}"#, action: bad)
                == [#"errors: to contain "currency" / "amount: must not be negative (-1)", "confidence: 2 is outside [0, 1]""#])
    }

    @Test("an expectation the policy can never produce is HP702 with did-you-mean")
    func impossible() throws {
        let (file, _) = TestFileDecoder.decode(Array("""
            policy: p.yaml
            cases:
              - action: {capability: refund}
                expect: {decision: approval, tier: leed, specialists: [privasy], reasons: [compliance.nope], assumed: [amont]}
              - action: {capability: refund}
                expect: {decision: autonomous, tier: lead}
            """.utf8), file: "t.test.yaml")
        var sink = DiagnosticSink()
        for c in try #require(file).cases { ExpectationCheck.impossible(c.expect, table: Self.policy.table, into: &sink) }
        let ds = sink.diagnostics
        #expect(ds.allSatisfy { $0.code.id == "HP702" })
        #expect(ds.map(\.message) == [
            "the policy has no tier 'leed'", "the policy has no specialist panel 'privasy'",
            "the policy has no rule 'compliance.nope'", "the policy has no field that can be assumed 'amont'",
            "a autonomous decision has no tier",
        ])
        #expect(ds.first?.hint == "did you mean 'lead'?")
    }
}
