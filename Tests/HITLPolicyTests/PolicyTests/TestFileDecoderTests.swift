import Testing
@testable import HITLPolicy

/// The test file decoder below the CLI: fixtures and `use`, matrix expansion, `expect`
/// keys, and bad input as diagnostics with locations and HP70x codes.
@Suite("Test file decoder")
struct TestFileDecoderTests {
    static func decode(_ text: String, file: String = "t.test.yaml") -> (TestFile?, [Diagnostic]) {
        TestFileDecoder.decode(Array(text.utf8), file: file)
    }

    static func json(_ c: TestCase) -> String { String(decoding: c.action, as: UTF8.self) }

    @Test("a fixture is the base; the case's action replaces its keys in place and appends new ones")
    func fixtureMerge() throws {
        let (file, ds) = Self.decode("""
            policy: p.yaml
            fixtures:
              big: {capability: refund, amount: 10, confidence: 0.9}
            cases:
              - name: n
                use: big
                action: {amount: 20, tags: [pii]}
                expect: {decision: approval}
            """)
        #expect(ds.isEmpty)
        let c = try #require(file?.cases.first)
        #expect(Self.json(c) == #"{"capability":"refund","amount":20,"confidence":0.9,"tags":["pii"]}"#)
        #expect(c.location.line == 5 && c.location.column == 5)
        #expect(file?.policy == "p.yaml")
    }

    @Test("a case with 'use' alone needs no 'action'")
    func useAlone() throws {
        let (file, ds) = Self.decode("policy: p.yaml\nfixtures:\n  f: {capability: a}\ncases:\n  - use: f\n    expect: {decision: disabled}\n")
        #expect(ds.isEmpty)
        #expect(try #require(file?.cases.first).name == "case at line 5")
    }

    @Test("a matrix expands to one case per combination, first key outermost, named after its values")
    func matrixExpansion() throws {
        let (file, ds) = Self.decode("""
            policy: p.yaml
            cases:
              - name: m
                action: {capability: refund, amount: 1}
                matrix: {amount: [5000, "5000.00"], tags: [[], [pii]]}
                expect: {decision: approval}
            """)
        #expect(ds.isEmpty)
        let cases = try #require(file?.cases)
        #expect(cases.map(\.name) == [
            #"m [amount=5000, tags=[]]"#, #"m [amount=5000, tags=["pii"]]"#,
            #"m [amount="5000.00", tags=[]]"#, #"m [amount="5000.00", tags=["pii"]]"#,
        ])
        #expect(cases.map(Self.json) == [
            #"{"capability":"refund","amount":5000,"tags":[]}"#, #"{"capability":"refund","amount":5000,"tags":["pii"]}"#,
            #"{"capability":"refund","amount":"5000.00","tags":[]}"#, #"{"capability":"refund","amount":"5000.00","tags":["pii"]}"#,
        ])
    }

    @Test("every expect key is read")
    func expectKeys() throws {
        let (file, ds) = Self.decode("""
            policy: p.yaml
            cases:
              - action: {capability: a}
                expect:
                  decision: approval
                  review: false
                  tier: lead
                  specialists: [privacy]
                  approvals: [lead, privacy]
                  reasons: [compliance.x]
                  assumed: [amount]
              - action: {capability: a}
                expect: {decision: invalid, errors: ["amount: must"]}
            """)
        #expect(ds.isEmpty)
        let cases = try #require(file?.cases)
        let e = cases[0].expect
        #expect(e.decision == .approval && e.review == false && e.tier?.text == "lead")
        #expect(e.specialists?.map(\.text) == ["privacy"] && e.approvals?.map(\.text) == ["lead", "privacy"])
        #expect(e.reasons?.map(\.text) == ["compliance.x"] && e.assumed?.map(\.text) == ["amount"])
        #expect(e.tier?.location.line == 7)
        #expect(cases[1].expect.errors?.map(\.text) == ["amount: must"])
    }

    @Test("one name stands for a list of one, as in policies; a plain name with a comma is refused, except in errors")
    func oneNameIsAListOfOne() throws {
        let (file, ds) = Self.decode("""
            policy: p.yaml
            cases:
              - action: {capability: a}
                expect: {decision: approval, specialists: privacy, approvals: lead, reasons: compliance.x, assumed: amount}
              - action: {capability: a}
                expect:
                  decision: invalid
                  errors: must be a number, not a string
            """)
        #expect(ds.isEmpty, "\(Self.codes(ds))")
        let cases = try #require(file?.cases)
        let e = cases[0].expect
        #expect(e.specialists?.map(\.text) == ["privacy"] && e.approvals?.map(\.text) == ["lead"])
        #expect(e.reasons?.map(\.text) == ["compliance.x"] && e.assumed?.map(\.text) == ["amount"])
        #expect(cases[1].expect.errors?.map(\.text) == ["must be a number, not a string"])
        let (_, bad) = Self.decode("policy: p.yaml\ncases:\n  - action: {capability: a}\n    expect:\n      decision: approval\n      approvals: lead, privacy\n")
        #expect(Self.codes(bad) == ["HP201@6:18"], "\(Self.codes(bad))")
        #expect(bad.first?.hint?.contains("[lead, privacy]") == true)
    }

    static func codes(_ ds: [Diagnostic]) -> [String] { ds.map { "\($0.code.id)@\($0.location.line):\($0.location.column)" } }

    @Test("an unknown fixture is HP701 at the name, with did-you-mean")
    func unknownFixture() {
        let (_, ds) = Self.decode("policy: p.yaml\nfixtures:\n  big-refund: {capability: refund}\ncases:\n  - use: big-refnd\n    expect: {decision: approval}\n")
        #expect(Self.codes(ds) == ["HP701@5:10"])
        #expect(ds.first?.hint == "did you mean 'big-refund'?")
    }

    @Test("an action value with no exact JSON form is HP703", arguments: ["0x10", ".inf", "0o17", ".nan"])
    func noJSONForm(value: String) {
        let (_, ds) = Self.decode("policy: p.yaml\ncases:\n  - action: {capability: a, amount: \(value)}\n    expect: {decision: approval}\n")
        #expect(Self.codes(ds) == ["HP703@3:37"])
    }

    @Test("a matrix over 10,000 cases is HP704 and expands nothing")
    func matrixTooLarge() {
        let values = "[" + (1...101).map(String.init).joined(separator: ", ") + "]"
        let (file, ds) = Self.decode("policy: p.yaml\ncases:\n  - action: {capability: a}\n    matrix: {amount: \(values), blast_radius: \(values)}\n    expect: {decision: approval}\n")
        #expect(Self.codes(ds) == ["HP704@4:13"])
        #expect(file?.cases.isEmpty == true)
    }

    @Test("a decision that does not exist, and errors on a valid decision, are HP702")
    func impossibleDecision() {
        let (_, ds) = Self.decode("policy: p.yaml\ncases:\n  - action: {capability: a}\n    expect: {decision: aproval}\n  - action: {capability: a}\n    expect: {decision: approval, errors: [x]}\n")
        #expect(Self.codes(ds) == ["HP702@4:24", "HP702@6:43"])
        #expect(ds.first?.hint == "did you mean 'approval'?")
    }

    @Test("unknown keys, missing fields and wrong types, each at its place")
    func structure() {
        let (_, ds) = Self.decode("policy: 3\ncases:\n  - action: {capability: a}\n    expct: {decision: approval}\n  - name: x\n    expect: {decision: approval, review: maybe}\n")
        #expect(Self.codes(ds) == ["HP201@1:9", "HP202@3:5", "HP200@4:5", "HP202@5:5"])
        #expect(ds.contains { $0.hint?.hasPrefix("did you mean 'expect'?") == true })
    }

    @Test("a missing policy is HP700 at the policy value")
    func missingPolicy() {
        let ds = TestRunner.lint(Array("policy: no-such-policy.yaml\ncases:\n  - action: {capability: a}\n    expect: {decision: disabled}\n".utf8),
                                 file: "/nonexistent-dir/t.test.yaml", tree: try? FileTree.current())
        #expect(Self.codes(ds) == ["HP700@1:9"])
    }

    @Test("an empty test file says what a test file starts with, not a policy", arguments: ["", "# only a comment\n", "\n\n"])
    func emptyFile(text: String) throws {
        let (file, ds) = Self.decode(text)
        #expect(file == nil)
        let d = try #require(ds.first)
        #expect(d.code.id == "HP109")
        let hint = try #require(d.hint)
        #expect(hint.contains("policy: FILE") && hint.contains("cases:"), "\(hint)")
        #expect(!hint.contains("version: 1"))
    }

    @Test("an empty policy keeps the policy wording")
    func emptyPolicyHint() {
        #expect(YAMLParser.parse([], file: "p.yaml").diagnostics.first?.hint?.contains("version: 1") == true)
    }
}
