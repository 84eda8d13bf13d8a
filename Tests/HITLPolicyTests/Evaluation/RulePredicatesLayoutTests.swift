import Testing
@testable import HITLPolicy

/// The match loop reads each candidate's check range from `candidateChecks` (beside the rule
/// number) instead of through `checkStart`: the two must name the same checks, for every
/// class of every example policy.
@Suite struct RulePredicatesLayoutTests {
    @Test(arguments: DifferentialTests.policies)
    func candidateChecksAreTheRulesChecks(_ path: String) throws {
        let bytes = try Repo.bytes(path)
        let policy = try #require(PolicyLoader.load(bytes, file: path).policy)
        let table = try TableCompiler.compile(policy, digest: Digest.of(bytes))
        let p = RulePredicates(table)
        let total = Int(p.classStart[table.classes.count])
        #expect(p.candidateChecks.count == 2 * total)
        var mismatches = 0
        for k in 0..<total {
            let r = Int(p.candidates[k])
            if p.candidateChecks[2 * k] != p.checkStart[r] || p.candidateChecks[2 * k + 1] != p.checkStart[r + 1] { mismatches += 1 }
        }
        #expect(mismatches == 0)
        #expect(total > 0)
    }
}
