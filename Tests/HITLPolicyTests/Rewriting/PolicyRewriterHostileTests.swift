import Foundation
import Testing
@testable import HITLPolicy

/// Inputs no policy author writes on purpose: the rewriter never traps, takes bounded time,
/// and either refuses or writes a text that lints clean.
@Suite("Policy rewrite (hostile input)")
struct PolicyRewriterHostileTests {
    static let change = StageChange(capability: "refund", from: .approval, to: .review)

    static func timed(_ body: () -> PolicyRewrite) -> (PolicyRewrite, Double) {
        let start = ContinuousClock.now
        let r = body()
        let d = ContinuousClock.now - start
        return (r, Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
    }

    @Test func tenMegabytes() {
        let text = "version: 1\nname: big\ncapabilities:\n  refund: approval\ndescription: \"" + String(repeating: "x", count: 10 << 20) + "\"\n"
        let (r, seconds) = Self.timed { PolicyRewriter.apply([Self.change], toPolicyText: text, path: "big.yaml") }
        #expect(r.applied.isEmpty && r.text == text)
        #expect(r.skipped.first?.reason.contains("HP106") == true, "\(r.skipped)")
        #expect(seconds < 5)
    }

    /// A large valid policy (2,000 capabilities, each in the long form with a band).
    @Test func manyCapabilities() {
        var lines = ["version: 1", "name: many", "currency: USD", "tiers:", "  - name: team", "    approvers: [a]", "    sla: 1h", "capabilities:"]
        for i in 0..<2_000 { lines += ["  cap\(i):", "    stage: approval", "    tier: team", "    spend:", "      - over: \(i + 1)", "        stage: disabled"] }
        let text = lines.joined(separator: "\n") + "\n"
        let changes = [StageChange(capability: "cap7", from: .approval, to: .review), StageChange(capability: "cap1999", from: .approval, to: .review)]
        let (r, seconds) = Self.timed { PolicyRewriter.apply(changes, toPolicyText: text, path: "many.yaml") }
        #expect(r.applied == changes, "\(r.skipped)")
        #expect(seconds < 60, "\(seconds) s")
        RewriteInvariants.check(r, original: text, changes: changes)
    }

    @Test func deepNesting() {
        let text = "version: 1\nname: deep\ncapabilities:\n  refund: " + String(repeating: "[", count: 100_000) + "\n"
        let (r, seconds) = Self.timed { PolicyRewriter.apply([Self.change], toPolicyText: text, path: "deep.yaml") }
        #expect(r.applied.isEmpty && r.skipped.count == 1)
        #expect(seconds < 5)
    }

    @Test func aliasBomb() {
        var lines = ["version: 1", "name: bomb", "x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for i in 1..<12 { lines.append("x-a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ") + "]") }
        lines += ["capabilities:", "  refund: approval"]
        let text = lines.joined(separator: "\n") + "\n"
        let (r, seconds) = Self.timed { PolicyRewriter.apply([Self.change], toPolicyText: text, path: "bomb.yaml") }
        #expect(r.applied.isEmpty && r.skipped.first?.reason.contains("HP104") == true, "\(r.skipped)")
        #expect(seconds < 5)
    }

    /// Bytes that are not UTF-8 reach the rewriter as U+FFFD (a Swift string holds no invalid
    /// UTF-8); NUL and other controls are refused by the YAML reader.
    @Test(arguments: [[0xFF, 0xFE], [0xC3], [0xED, 0xA0, 0x80], [0x00], [0x07]] as [[UInt8]])
    func invalidBytes(_ bad: [UInt8]) {
        let bytes = Array("version: 1\nname: bytes\ntiers:\n  - name: team\n    approvers: [a]\n    sla: 1h\ndescription: a".utf8) + bad
            + Array("b\ncapabilities:\n  refund: approval\n".utf8)
        let text = String(decoding: bytes, as: UTF8.self)
        let r = PolicyRewriter.apply([Self.change], toPolicyText: text, path: "bytes.yaml")
        RewriteInvariants.check(r, original: text, changes: [Self.change])
    }

    /// From bytes, what is not UTF-8 is refused rather than repaired.
    @Test func invalidBytesAreRefusedFromBytes() {
        let good = Array("version: 1\nname: b\ntiers:\n  - name: team\n    approvers: [a]\n    sla: 1h\ncapabilities:\n  refund: approval\n".utf8)
        let bad = good + [0xFF]
        let r = PolicyRewriter.apply([Self.change], toPolicyBytes: bad, path: "b.yaml")
        #expect(r.applied.isEmpty && r.skipped.first?.reason.contains("UTF-8") == true)
        #expect(PolicyRewriter.apply([Self.change], toPolicyBytes: good, path: "b.yaml").applied == [Self.change])
    }

    @Test(arguments: ["version: 1\nname: tabs\ncapabilities:\n\trefund: approval\n",
                      "version: 1\nname: tabs\ntiers:\n  - name: team\n    approvers: [a]\n    sla: 1h\ncapabilities:\n  refund:\tapproval\t# tab\n",
                      "version: 1\nname: tabs\ntiers:\n  - name: team\n    approvers: [a]\n    sla: 1h\ncapabilities:\n  refund: {stage:\tapproval,\ttier:\tteam}\n"])
    func tabs(_ text: String) {
        let r = PolicyRewriter.apply([Self.change], toPolicyText: text, path: "tabs.yaml")
        RewriteInvariants.check(r, original: text, changes: [Self.change])
    }

    /// Random damage to every golden case (bytes deleted, repeated, swapped for YAML
    /// punctuation): whatever comes out holds the invariants. 12 per case;
    /// `HITL_REWRITE_DAMAGE=N` runs N (a longer search, by hand).
    @Test func damagedPolicies() throws {
        var rng = SplitMix(state: 27)
        let punctuation = Array("{}[]:,#&*!|>'\"-? \n\t\r".utf8)
        var applied = 0
        for name in PolicyRewriterGoldenTests.cases {
            let original = Array(try PolicyRewriterGoldenTests.before(name).utf8)
            let changes = try PolicyRewriterGoldenTests.changes(name)
            for _ in 0..<(ProcessInfo.processInfo.environment["HITL_REWRITE_DAMAGE"].flatMap(Int.init) ?? 12) {
                var bytes = original
                for _ in 0..<(1 + rng.below(3)) where !bytes.isEmpty {
                    let i = rng.below(bytes.count)
                    switch rng.below(3) {
                    case 0: bytes.remove(at: i)
                    case 1: bytes.insert(bytes[i], at: i)
                    default: bytes[i] = punctuation[rng.below(punctuation.count)]
                    }
                }
                let text = String(decoding: bytes, as: UTF8.self)
                let r = PolicyRewriter.apply(changes, toPolicyText: text, path: "damaged.yaml")
                RewriteInvariants.check(r, original: text, changes: changes)
                applied += r.applied.count
            }
        }
        #expect(applied > 0)
    }

    /// A thousand changes, 300 names: each name is moved once (an exact entry added for it),
    /// the repeats are skipped.
    @Test func aThousandChanges() {
        let text = ((try? String(contentsOf: Repo.url("policies/payments.yaml"), encoding: .utf8)) ?? "")
            .replacingOccurrences(of: "  stage: disabled\n  tier: team", with: "  stage: approval\n  tier: team")
        let changes = (0..<1000).map { StageChange(capability: "tool\($0 % 300)", from: .approval, to: .review) }
        let (r, seconds) = Self.timed { PolicyRewriter.apply(changes, toPolicyText: text, path: "payments.yaml") }
        #expect(r.applied.count == 300 && r.skipped.count == 700)
        #expect(seconds < 30, "\(seconds) s")
        RewriteInvariants.check(r, original: text, changes: changes)
    }
}
