import Testing
@testable import HITLPolicy

/// The policy number rule (docs/language.md, "Numbers and currencies"): below 10^24, at
/// most 34 significant digits (leading zeros do not count), at most 64 digits after the
/// point.
@Suite("Policy number range")
struct PolicyNumberTests {
    static let tiny = "0.00000000000000000000000000000000001"   // 10^-35: one significant digit

    static func policy(_ threshold: String) -> String {
        """
        version: 1
        name: n
        currency: USD
        tiers:
          - name: t
            approvers: [a]
            sla: 1h
        capabilities:
          refund:
            stage: autonomous
            spend:
              - over: \(threshold)
                tier: t

        """
    }

    @Test("accepted: significant digits count from the first non-zero digit", arguments: [
        tiny, "0.1234567890123456789012345678901234", "1234567890123456789012.345678901234",
        "999999999999999999999999", "1e-64", "0." + String(repeating: "0", count: 63) + "1",
        "0.000000000000000000000000000001234567890123456789012345678901234",
    ])
    func accepted(_ number: String) {
        #expect(!lintText(Self.policy(number)).contains { $0.code == .invalidNumber })
    }

    @Test("refused: too many significant digits, too large, or too fine", arguments: [
        "0.12345678901234567890123456789012345", "12345678901234567890123456789012345", "1e24", "1e-65",
        "0." + String(repeating: "0", count: 64) + "1", "1e-999",
    ])
    func refused(_ number: String) throws {
        let d = try #require(lintText(Self.policy(number)).first { $0.code == .invalidNumber })
        #expect(d.message.contains("34 significant digits") && d.message.contains("64 digits after the point"), "\(d.message)")
    }

    @Test("a threshold of 10^-35 compiles, evaluates, survives the artifact and diffs")
    func tinyThresholdEndToEnd() throws {
        let table = try #require(PolicyCompilation.compile(Array(Self.policy(Self.tiny).utf8), file: "a.yaml").table)
        let reread = try TableArtifactReader.read(PolicyCompilation.artifactBytes(table))
        for t in [table, reread] {
            #expect(try DiffGoldenTests.decide(t, "{\"capability\":\"refund\",\"amount\":\(Self.tiny)}").stage == "autonomous")
            #expect(try DiffGoldenTests.decide(t, "{\"capability\":\"refund\",\"amount\":0.00000000000000000000000000000000002}").stage == "approval")
            #expect(try DiffGoldenTests.decide(t, "{\"capability\":\"refund\",\"amount\":0}").stage == "autonomous")
        }
        let other = try #require(PolicyCompilation.compile(Array(Self.policy("0.00000000000000000000000000000000002").utf8), file: "b.yaml").table)
        let report = try PolicyDiff.diff(old: table, new: other)
        #expect(report.regions.count == 1)
        let witness = try #require(report.regions.first?.witness)
        #expect(try DiffGoldenTests.decide(table, witness) != DiffGoldenTests.decide(other, witness))
    }
}
