import Foundation
import Testing
@testable import HITLPolicy

/// A table is accepted only as `compile` wrote it: the repro tables in fixtures/tables are
/// each refused with one clear reason (fixtures/tables/NAME.expected, as `eval` prints it),
/// its `table_digest` covers its content and nothing else, and its diagrams must be what
/// its rules compile to.
@Suite("Table integrity")
struct TableIntegrityTests {
    static let fixtures = (try? Repo.files(in: "fixtures/tables", ext: "json")) ?? []

    @Test(arguments: fixtures) func damagedTableIsRefusedWithTheReason(path: String) throws {
        let result = PolicyCompilation.load(try Repo.bytes(path), file: path)
        #expect(result.table == nil, "\(path)")
        Golden.check("hitl-policy: error: \(result.failure ?? "accepted")\n", against: String(path.dropLast(5)) + ".expected")
    }

    @Test func everyReproIsThere() {
        #expect(Self.fixtures.count >= 10)
    }

    /// The digest is of the content, not the spacing: the same table laid out another way
    /// is accepted and decides the same; a value changed, or the digest removed, is not.
    @Test func digestCoversContentNotSpacing() throws {
        let table = try TableGoldenTests.table()
        let artifact = PolicyCompilation.artifact(table)
        let spaced = artifact.replacing(",\"", with: ", \"").replacing(":[", with: ": [")
        #expect(spaced != artifact)
        let reread = try #require(PolicyCompilation.load(Array(spaced.utf8), file: "t.json").table)
        #expect(PolicyCompilation.artifact(reread) == artifact)

        let recompile = "recompile this table from its policy: hitl-policy compile POLICY -o TABLE"
        let renamed = artifact.replacing("\"name\":\"team\"", with: "\"name\":\"teem\"").replacing("\"escalates_to\":\"team\"", with: "\"escalates_to\":\"teem\"")
        #expect(PolicyCompilation.load(Array(renamed.utf8), file: "t.json").failure
            == "t.json: the table was changed after `hitl-policy compile` wrote it (its content does not match its table_digest); " + recompile)
        let stripped = artifact.replacing(/,"table_digest":"[^"]*"/, with: "")
        #expect(stripped != artifact)
        #expect(PolicyCompilation.load(Array(stripped.utf8), file: "t.json").failure
            == "t.json: the table has no table_digest, so nothing shows it is as `hitl-policy compile` wrote it; " + recompile)
    }

    /// What `compile` writes is accepted whole, for every example and diff fixture policy:
    /// the rebuilt diagrams are the table's own.
    @Test func compiledTablesPassEveryCheck() throws {
        for path in TableArtifactCodecTests.policies {
            guard let table = PolicyCompilation.compile(try Repo.bytes(path), file: path).table else { continue }
            #expect(table.diagramsProblem() == nil, "\(path)")
            #expect(PolicyCompilation.load(PolicyCompilation.artifactBytes(table), file: path).failure == nil, "\(path)")
        }
    }

    /// Diagrams that decide other than the rules are refused even with a matching digest
    /// (the loader is asked to skip the digest, as a forger would make it match).
    @Test func diagramsThatDisagreeWithTheRulesAreRefused() throws {
        var table = try TableGoldenTests.table()
        let refund = try #require(table.classes.firstIndex { $0.name == "refund" })
        table.classes[refund].root = -2
        let forged = PolicyCompilation.artifactBytes(table)
        let failure = try #require(PolicyCompilation.load(forged, file: "t.json").failure)
        #expect(failure.hasPrefix("t.json: the diagram of class refund is not what its rules compile to (root -2"), "\(failure)")
        #expect(PolicyCompilation.loadTable(forged, file: "t.json", checkingDigest: false).failure == failure)
    }

    /// A 5 MB threshold is refused at once, before any arithmetic on it.
    @Test func hugeThresholdIsRefused() throws {
        let artifact = PolicyCompilation.artifact(try TableGoldenTests.table())
        let range = try #require(artifact.firstRange(of: /"cuts":\[\{"upward":(true|false),"value":"[0-9.]+"/))
        let cut = String(artifact[range])
        let huge = cut.replacing(/"value":"[0-9.]+"/, with: "\"value\":\"" + String(repeating: "9", count: 5 << 20) + "\"")
        let clock = ContinuousClock()
        var result: PolicyCompilation.Result?
        let spent = clock.measure { result = PolicyCompilation.load(Array(artifact.replacingCharacters(in: range, with: huge).utf8), file: "t.json") }
        #expect(result?.failure?.contains("number out of range at nodes[") == true, "\(result?.failure ?? "")")
        #expect(spent < .seconds(5))
    }
}
