import Testing
@testable import HITLPolicy

@Suite("Durations")
struct PolicyDurationTests {
    @Test("valid", arguments: [("30s", 30), ("15m", 900), ("4h", 14_400), ("2d", 172_800), ("1h30m", 5_400), ("1d2h3m4s", 93_784)])
    func valid(text: String, seconds: Int) throws {
        let d = try PolicyDuration.parse(text).get()
        #expect(d.seconds == seconds)
        #expect(try PolicyDuration.parse(d.description).get() == d)
    }

    @Test("invalid", arguments: [
        ("", PolicyDuration.ParseError.malformed), ("30", .malformed), ("h", .malformed), ("4 h", .malformed),
        ("0m", .zero), ("30m1h", .unitOrder), ("1h1h", .unitOrder), ("400d", .tooLong),
        ("99999999999999999999s", .tooLong), ("-1h", .malformed),
    ])
    func invalid(text: String, error: PolicyDuration.ParseError) {
        #expect(PolicyDuration.parse(text) == .failure(error))
    }
}

@Suite("Capability patterns")
struct CapabilityPatternTests {
    @Test func parsing() {
        #expect(CapabilityPattern.parse("refund") == .success(.exact("refund")))
        #expect(CapabilityPattern.parse("github.*") == .success(.prefix("github.")))
        #expect(CapabilityPattern.parse("*") == .success(.prefix("")))
        #expect(CapabilityPattern.parse("*.x") == .failure(.starNotAtEnd))
        #expect(CapabilityPattern.parse("") == .failure(.empty))
    }

    @Test func exactBeatsPatternsAndLongestPrefixWins() throws {
        let text = """
            version: 1
            name: p
            capabilities:
              "*": disabled
              github.*: autonomous
              github.admin.*: approval
              github.admin.read: autonomous
            tiers:
              - name: t
                approvers: [a]
                sla: 1h

            """
        let policy = try #require(PolicyLoader.load(Array(text.utf8), file: "p.yaml").policy)
        #expect(policy.entry(for: "github.admin.read")?.pattern == .exact("github.admin.read"))
        #expect(policy.entry(for: "github.admin.delete")?.pattern == .prefix("github.admin."))
        #expect(policy.entry(for: "github.pr")?.pattern == .prefix("github."))
        #expect(policy.entry(for: "slack.post")?.pattern == .prefix(""))
        #expect(policy.entry(for: "GitHub.pr")?.pattern == .prefix(""))
    }
}
