import Foundation
import Testing
@testable import HITLPolicy

/// The artifact writer and reader (format 3): what one writes the other reads back, byte
/// for byte, and the format has real member names.
@Suite("Table artifact codec")
struct TableArtifactCodecTests {
    static var policies: [String] {
        let fixed = ["policies/payments.yaml", "policies/platform.yaml", "policies/healthcare.yaml", "policies/support.yaml"]
        let diffs = (try? FileManager.default.contentsOfDirectory(atPath: Repo.root.appendingPathComponent("fixtures/diff").path)) ?? []
        return fixed + diffs.sorted().flatMap { ["fixtures/diff/\($0)/old.yaml", "fixtures/diff/\($0)/new.yaml"] }
    }

    /// Written, read back and written again: the same bytes and the same table, for every
    /// example and diff fixture policy; valid JSON with no synthesized `_0` keys.
    @Test func writerAndReaderRoundTrip() throws {
        #expect(Self.policies.count > 10)
        for path in Self.policies {
            let result = PolicyCompilation.compile(try Repo.bytes(path), file: path)
            guard let table = result.table else { continue }
            let written = PolicyCompilation.artifactBytes(table)
            let reread = try TableArtifactReader.read(written)
            #expect(PolicyCompilation.artifactBytes(reread) == written, "\(path)")
            #expect(reread.rules == table.rules && reread.nodes == table.nodes && reread.outcomes == table.outcomes, "\(path)")
            #expect(reread.classes == table.classes && reread.approvers == table.approvers, "\(path)")
            #expect(reread.validate() == nil, "\(path)")
            let text = String(decoding: written, as: UTF8.self)
            #expect(!text.contains("\"_0\"") && !text.contains("\"_1\""), "\(path)")
            #expect(text.contains("\"version\":3}"))
            #expect(try JSONSerialization.jsonObject(with: Data(written)) is [String: Any])
        }
    }

    /// Outcomes are requirements alone; conditions have real member names.
    @Test func formatTwoShapes() throws {
        let text = PolicyCompilation.artifact(try TableGoldenTests.table())
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let outcomes = try #require(obj["outcomes"] as? [[String: Any]])
        #expect(outcomes.allSatisfy { Set($0.keys).isSubset(of: ["stage", "review", "tier", "specialists"]) })
        #expect(text.contains("{\"range\":{\"field\":\"amount\""))
        #expect(text.contains("{\"reversible\":false}"))
    }

    /// Strings that need escaping, optional members present and absent, every condition.
    @Test func writerRoundTripsOddStrings() throws {
        var table = try TableGoldenTests.table()
        let odd = "quote \" backslash \\ slash / tab \t nl \n cr \r bs \u{8} ff \u{C} nul \u{0} esc \u{1B} del \u{7F} é 😀 \u{2028}"
        table.policy = odd
        table.source = odd
        table.tags.append(odd)
        table.rules[0].reason = odd
        table.rules[0].reference = odd
        table.rules[0].conditions = [
            .range(NumericRange(field: .confidence, lower: nil, upper: Cut(value: ExactDecimal(parsing: "0.25")!, upward: true))),
            .reversible(false),
            .tags(any: [odd], all: nil, none: ["x"]),
            .tags(any: nil, all: [], none: nil),
            .attribute(path: "a.b", values: [.string(odd), .bool(true), .number(ExactDecimal(parsing: "-12.5")!)]),
        ]
        table.rules[0].capabilities = [.exact("x"), .prefix("deploy.")]
        table.approvers[0].escalatesTo = nil
        table.approvers[0].sla = nil
        table.approvers[0].slaSeconds = nil
        let written = PolicyCompilation.artifact(table)
        #expect(written.contains(" slash / tab \\t nl \\n cr \\r bs \\b ff \\f nul \\u0000"))
        let reread = try TableArtifactReader.read(Array(written.utf8))
        #expect(PolicyCompilation.artifact(reread) == written)
        #expect(reread.rules[0].conditions == table.rules[0].conditions)
        #expect(reread.rules[0] == table.rules[0])
        #expect(reread.approvers == table.approvers)
        #expect(reread.policy == odd)
        #expect(try JSONSerialization.jsonObject(with: Data(written.utf8)) is [String: Any])
    }

    /// Malformed artifacts are refused with a reason naming the place.
    @Test func readerRefusesMalformedTables() throws {
        let good = PolicyCompilation.artifact(try TableGoldenTests.table())
        let cases: [(String, String, String)] = [
            ("\"version\":3", "\"version\":\"3\"", "version"),
            ("\"version\":3", "\"version\":3.5", "version"),
            ("\"global_root\":", "\"global_root\":1e99,\"x\":", "global_root"),
            ("\"policy\":", "\"policy\":null,\"y\":", "policy"),
            ("\"format\":", "\"format\":\"a\",\"format\":", "duplicate key"),
            ("\"test\":\"amount\"", "\"test\":\"colour\"", "unknown test"),
            ("\"stage\":\"approval\"", "\"stage\":\"maybe\"", "unknown stage"),
            ("\"upward\":", "\"upward\":0,\"z\":", "upward"),
        ]
        try expectRefused(edits: cases, of: good)
        for junk in ["{\"format\":\"hitl-policy-table\"", "{\"format\":\"hitl-policy-table\"} x", "{\"a\":" + String(repeating: "[", count: 100) + "\"hitl-policy-table\""] {
            let result = PolicyCompilation.load(Array(junk.utf8), file: "bad.json")
            #expect(result.table == nil && result.failure != nil, "\(junk.prefix(40))")
        }
    }

    /// Unknown members are refused where they stand, so a file that only mentions the format
    /// is refused after its first key, and a tampered table cannot smuggle members in.
    @Test func readerRefusesUnknownMembersEarly() throws {
        let good = PolicyCompilation.artifact(try TableGoldenTests.table())
        let cases: [(String, String, String)] = [
            ("\"version\":3", "\"version\":3,\"extra\":0", "unknown member \"extra\" at the top"),
            ("\"quorum\":1", "\"quorum\":1,\"weight\":2", "unknown member \"weight\" at approvers[0]"),
            ("\"test\":\"amount\"", "\"test\":\"amount\",\"x\":[]", "unknown member \"x\" at nodes["),
        ]
        try expectRefused(edits: cases, of: good)
        // Junk that names the format: refused at its first key, not after reading it all.
        let junk = "{\"junk\":[" + String(repeating: "{\"a\":\"hitl-policy-table\"},", count: 20_000) + "0]}"
        let result = PolicyCompilation.load(Array(junk.utf8), file: "junk.json")
        #expect(result.failure == "junk.json: not a valid compiled table (unknown member \"junk\" at the top (byte 1))")
    }

    /// A table of another version says so, even when its new members come first.
    @Test func readerNamesAnotherVersion() throws {
        let good = PolicyCompilation.artifact(try TableGoldenTests.table())
        let v4 = good.replacing("\"quorum\":1", with: "\"quorum\":1,\"weight\":2").replacing("\"version\":3}", with: "\"version\":4}")
        #expect(PolicyCompilation.load(Array(v4.utf8), file: "t.json").failure
            == "t.json: table version 4 is not supported (this build reads 3); recompile this table from its policy: hitl-policy compile POLICY -o TABLE")
    }

    /// A format-1 table (rule lists in its outcomes, `_0` keys) is refused with the command
    /// that recompiles it.
    @Test func formatOneIsRefusedWithTheRecompileCommand() throws {
        let v1 = """
            {"approvers":[],"attributes":[],"classes":[],"exchange_rates":[],"format":"hitl-policy-table","global_root":-1,"global_tested_fields":0,"nodes":[],"outcomes":[{"requirement":{"review":false,"specialists":[],"stage":"disabled"},"rules":[0]}],"policy":"p","policy_digest":"sha256:00","rules":[{"conditions":[{"reversible":{"_0":true}}],"contribution":{"review":false,"specialists":[],"stage":"disabled"},"effect":"stage disabled","kind":"default_stage","path":"defaults.stage","source":"p.yaml:1:1"}],"source":"p.yaml","tags":[],"version":1}
            """
        let failure = try #require(PolicyCompilation.load(Array(v1.utf8), file: "old.json").failure)
        #expect(failure == "old.json: table version 1 is not supported (this build reads 3); recompile this table from its policy: hitl-policy compile POLICY -o TABLE")
    }

    /// The bits of `tested_fields` follow the field registry: a table records what they
    /// name, and one written by another registry (a field added or moved) or without the
    /// list is refused with the command that recompiles it, never misread.
    @Test func fieldBitsOfAnotherRegistryAreRefused() throws {
        let good = PolicyCompilation.artifact(try TableGoldenTests.table())
        let bits = "\"tested_field_bits\":[\"amount\",\"confidence\",\"blast_radius\",\"reversible\",\"tags\",\"attributes\"]"
        #expect(good.contains("," + bits + ",\"version\":3}"))
        let recompile = "recompile this table from its policy: hitl-policy compile POLICY -o TABLE"
        let added = good.replacing("\"blast_radius\",\"reversible\"", with: "\"blast_radius\",\"time_of_day\",\"reversible\"")
        #expect(PolicyCompilation.load(Array(added.utf8), file: "t.json").failure
            == "t.json: the table's field bits (amount, confidence, blast_radius, time_of_day, reversible, tags, attributes) are not this build's "
            + "(amount, confidence, blast_radius, reversible, tags, attributes); " + recompile)
        let unrecorded = good.replacing("," + bits, with: "")
        #expect(PolicyCompilation.load(Array(unrecorded.utf8), file: "t.json").failure
            == "t.json: the table's field bits (not recorded) are not this build's (amount, confidence, blast_radius, reversible, tags, attributes); " + recompile)
    }

    /// Each edit (`from` → `to`) of a good artifact is refused, naming `mention`.
    func expectRefused(edits cases: [(String, String, String)], of good: String) throws {
        for (from, to, mention) in cases {
            let range = try #require(good.range(of: from), "\(from)")
            let bad = good.replacingCharacters(in: range, with: to)
            let result = PolicyCompilation.load(Array(bad.utf8), file: "bad.json")
            #expect(result.table == nil, "\(to)")
            #expect(result.failure?.contains(mention) == true, "\(to): \(result.failure ?? "")")
        }
    }
}
