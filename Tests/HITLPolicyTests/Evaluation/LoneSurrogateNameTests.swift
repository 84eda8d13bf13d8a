import Foundation
import Testing
@testable import HITLPolicy

/// A `\u` escape of a lone surrogate is no Unicode text, and decoding it gives U+FFFD, so
/// `"\ud800"` and `"\udc00"` would read as one name — and as a policy's own `"\uFFFD"`.
/// Names (capability, tags) with one make the action invalid; an attribute value with one
/// equals no value a policy lists.
@Suite("Lone surrogates in names")
struct LoneSurrogateNameTests {
    static let policy = """
        version: 1
        name: surrogates
        defaults: {stage: disabled, sla: 1h}
        tiers:
          - name: lead
            approvers: [l]
        capabilities:
          "\u{FFFD}": autonomous
          deploy: autonomous
        compliance:
          - id: marked
            when: {tags: ["\u{FFFD}"]}
            stage: disabled
          - id: production
            when: {capability: deploy, attributes: {env: ["\u{FFFD}", production]}}
            tier: lead

        """

    static func decide(_ line: String) throws -> [String: Any] {
        let result = PolicyCompilation.compile(Array(Self.policy.utf8), file: "surrogates.yaml")
        let table = try #require(result.table, "\(result.diagnostics)")
        let out = try TableGoldenTests.eval(table, line)
        return try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
    }

    @Test(arguments: [#""\ud800""#, #""\udc00""#, #""a\ud800b""#, #""\ud800\u0041""#, #""\udc00\ud800""#])
    func capabilityWithLoneSurrogateIsInvalid(_ name: String) throws {
        let d = try Self.decide("{\"capability\":\(name)}")
        #expect(d["decision"] as? String == "invalid", "\(d)")
    }

    @Test func pairedSurrogatesAndTheReplacementCharacterStillWork() throws {
        #expect(try Self.decide(#"{"capability":"\ufffd"}"#)["decision"] as? String == "autonomous")
        #expect(try Self.decide(#"{"capability":"\ud83d\ude00"}"#)["decision"] as? String == "disabled")
    }

    @Test func tagWithLoneSurrogateIsInvalid() throws {
        let d = try Self.decide(#"{"capability":"deploy","tags":["\udfff"],"attributes":{"env":"staging"}}"#)
        #expect(d["decision"] as? String == "invalid", "\(d)")
        let marked = try Self.decide(#"{"capability":"deploy","tags":["\ufffd"],"attributes":{"env":"staging"}}"#)
        #expect(marked["decision"] as? String == "disabled", "\(marked)")
    }

    @Test func attributeValueWithLoneSurrogateMatchesNoListedValue() throws {
        let d = try Self.decide(#"{"capability":"deploy","attributes":{"env":"\ud800"}}"#)
        #expect(d["decision"] as? String == "autonomous", "\(d)")
        let listed = try Self.decide(#"{"capability":"deploy","attributes":{"env":"\ufffd"}}"#)
        #expect(listed["decision"] as? String == "approval", "\(listed)")
    }
}
