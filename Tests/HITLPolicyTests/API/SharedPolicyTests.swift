import Testing
@testable import HITLPolicy

/// One compiled policy shared by many tasks decides every action as it does alone.
@Suite("Shared policy")
struct SharedPolicyTests {
    @Test func concurrentDecisionsAgree() async throws {
        let path = "fixtures/policies/bench.yaml"
        let policy = try TypedDecisionTests.policy(path)
        let source = try #require(PolicyLoader.load(try Repo.bytes(path), file: path).policy)
        var gen = ActionGenerator(policy: source, seed: 0xC0C)
        let actions = (1...2_000).map { n in
            n % 2 == 0 ? Action(json: gen.next().0, line: n) : BuiltActionTests.generate(&gen, table: policy.table, n: n).built
        }
        let expected = actions.map { policy.decide($0) }
        try await withThrowingTaskGroup(of: [Decision].self) { group in
            for t in 0..<8 {
                group.addTask {
                    // Each task starts at a different place, so tasks overlap on different rows.
                    let order = Array(actions.indices.dropFirst(t * 250)) + Array(actions.indices.prefix(t * 250))
                    var out = Array(repeating: expected[0], count: actions.count)
                    for k in order { out[k] = policy.decide(actions[k]) }
                    return out
                }
            }
            for try await got in group {
                #expect(got == expected)
                #expect(got.map(\.json) == expected.map(\.json))
            }
        }
    }
}
