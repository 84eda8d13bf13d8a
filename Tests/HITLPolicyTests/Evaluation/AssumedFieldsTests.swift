import Testing
@testable import HITLPolicy

/// `assumed` lists a tested attribute whether the action has no `attributes` object (found
/// without looking) or one that lacks it or holds null (found by looking), and never one it
/// sends; missing numbers are read from the walk's numbers. Same through the typed API.
@Suite struct AssumedFieldsTests {
    static let path = "fixtures/policies/bench.yaml"

    static func assumed(_ line: String, _ evaluator: Evaluator) -> Substring {
        var out: [UInt8] = []
        Array(line.utf8).withUnsafeBufferPointer { _ = evaluator.evaluate(line: $0, number: 1, into: &out) }
        let text = String(decoding: out, as: UTF8.self)
        guard let start = text.range(of: "\"assumed\":"), let end = text.range(of: ",\"policy\"") else { return "" }
        return text[start.upperBound..<end.lowerBound]
    }

    @Test func attributesAndNumbersMissingOrSent() throws {
        let bytes = try Repo.bytes(Self.path)
        let policy = try #require(PolicyLoader.load(bytes, file: Self.path).policy)
        let table = try TableCompiler.compile(policy, digest: Digest.of(bytes))
        let evaluator = Evaluator(table: table)
        let base = "{\"capability\":\"deploy.web\",\"amount\":5,\"confidence\":0.9,\"blast_radius\":1,\"reversible\":true,\"tags\":[]"
        let missing = "[{\"field\":\"attributes.environment\",\"assumed\":\"matches every condition\"}]"
        // Three spellings of a missing attribute, in an order that leaves no choice cached.
        for line in [base + "}", base + ",\"attributes\":{}}", base + ",\"attributes\":{\"environment\":null}}", base + "}"] {
            #expect(Self.assumed(line, evaluator) == missing, "\(line)")
        }
        #expect(Self.assumed(base + ",\"attributes\":{\"environment\":\"staging\"}}", evaluator) == "[]")
        #expect(Self.assumed(base + ",\"attributes\":{\"environment\":\"production\"}}", evaluator) == "[]")
        let bare = Self.assumed("{\"capability\":\"deploy.web\",\"reversible\":true,\"tags\":[],\"attributes\":{\"environment\":\"staging\"}}", evaluator)
        #expect(bare.contains("\"field\":\"confidence\"") && bare.contains("\"field\":\"blast_radius\"") && !bare.contains("attributes."))

        // Built actions set every attribute choice (no `attributes` bytes to look at).
        let compiled = try #require(CompiledPolicy.load(bytes: bytes, file: Self.path).policy)
        let sent = compiled.decide(Action(capability: "deploy.web", amount: Action.Amount("5"), confidence: ExactDecimal(parsing: "0.9"),
                                          blastRadius: 1, reversible: true, tags: [], attributes: ["environment": .string("staging")]))
        #expect(sent.assumed.isEmpty)
        let absent = compiled.decide(Action(capability: "deploy.web", amount: Action.Amount("5"), confidence: ExactDecimal(parsing: "0.9"),
                                            blastRadius: 1, reversible: true, tags: []))
        #expect(absent.assumed.map(\.field) == ["attributes.environment"])
    }
}
