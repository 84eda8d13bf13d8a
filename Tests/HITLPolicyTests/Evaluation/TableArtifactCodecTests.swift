import Foundation
import Testing
@testable import HITLPolicy

/// The hand-written artifact writer and reader against `JSONEncoder`/`Codable`, the
/// reference encoding of the table format.
@Suite("Table artifact codec")
struct TableArtifactCodecTests {
    static func reference(_ table: DecisionTable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(table), as: UTF8.self) + "\n"
    }

    static var policies: [String] {
        let fixed = ["policies/payments.yaml", "policies/platform.yaml", "policies/healthcare.yaml", "policies/support.yaml"]
        let diffs = (try? FileManager.default.contentsOfDirectory(atPath: Repo.root.appendingPathComponent("fixtures/diff").path)) ?? []
        return fixed + diffs.sorted().flatMap { ["fixtures/diff/\($0)/old.yaml", "fixtures/diff/\($0)/new.yaml"] }
    }

    /// Byte for byte what JSONEncoder writes, for every example and diff fixture policy.
    @Test func writerMatchesJSONEncoder() throws {
        #expect(Self.policies.count > 10)
        for path in Self.policies {
            let result = PolicyCompilation.compile(try Repo.bytes(path), file: path)
            guard let table = result.table else { continue }
            #expect(PolicyCompilation.artifact(table) == (try Self.reference(table)), "\(path)")
        }
    }

    /// Strings that need escaping, optional members present and absent, every condition.
    @Test func writerMatchesJSONEncoderOnOddStrings() throws {
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
        #expect(written == (try Self.reference(table)))
        // And it reads back to the same table.
        let reread = try TableArtifactReader.read(Array(written.utf8))
        #expect(PolicyCompilation.artifact(reread) == written)
        #expect(reread.rules[0].conditions == table.rules[0].conditions)
        #expect(reread.policy == odd)
    }

    /// The reader decodes what the Codable conformances decode.
    @Test func readerMatchesJSONDecoder() throws {
        for path in Self.policies.prefix(8) {
            let result = PolicyCompilation.compile(try Repo.bytes(path), file: path)
            guard let table = result.table else { continue }
            let bytes = PolicyCompilation.artifactBytes(table)
            let ours = try TableArtifactReader.read(bytes)
            let theirs = try JSONDecoder().decode(DecisionTable.self, from: Data(bytes))
            #expect(PolicyCompilation.artifact(ours) == PolicyCompilation.artifact(theirs), "\(path)")
        }
    }

    /// Malformed artifacts are refused with a reason naming the place.
    @Test func readerRefusesMalformedTables() throws {
        let good = PolicyCompilation.artifact(try TableGoldenTests.table())
        let cases: [(String, String, String)] = [
            ("\"version\":1", "\"version\":\"1\"", "version"),
            ("\"version\":1", "\"version\":1.5", "version"),
            ("\"global_root\":", "\"global_root\":1e99,\"x\":", "global_root"),
            ("\"policy\":", "\"policy\":null,\"y\":", "policy"),
            ("\"format\":", "\"format\":\"a\",\"format\":", "duplicate key"),
            ("\"test\":\"amount\"", "\"test\":\"colour\"", "unknown test"),
            ("\"stage\":\"approval\"", "\"stage\":\"maybe\"", "unknown stage"),
            ("\"upward\":", "\"upward\":0,\"z\":", "upward"),
        ]
        for (from, to, mention) in cases {
            let range = try #require(good.range(of: from), "\(from)")
            let bad = good.replacingCharacters(in: range, with: to)
            let result = PolicyCompilation.load(Array(bad.utf8), file: "bad.json")
            #expect(result.table == nil, "\(to)")
            #expect(result.failure?.contains(mention) == true, "\(to): \(result.failure ?? "")")
        }
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
            ("\"version\":1", "\"version\":1,\"extra\":0", "unknown member \"extra\" at the top"),
            ("\"quorum\":1", "\"quorum\":1,\"weight\":2", "unknown member \"weight\" at approvers[0]"),
            ("\"test\":\"amount\"", "\"test\":\"amount\",\"x\":[]", "unknown member \"x\" at nodes["),
        ]
        for (from, to, mention) in cases {
            let range = try #require(good.range(of: from), "\(from)")
            let bad = good.replacingCharacters(in: range, with: to)
            let result = PolicyCompilation.load(Array(bad.utf8), file: "bad.json")
            #expect(result.table == nil, "\(to)")
            #expect(result.failure?.contains(mention) == true, "\(to): \(result.failure ?? "")")
        }
        // Junk that names the format: refused at its first key, not after reading it all.
        let junk = "{\"junk\":[" + String(repeating: "{\"a\":\"hitl-policy-table\"},", count: 20_000) + "0]}"
        let result = PolicyCompilation.load(Array(junk.utf8), file: "junk.json")
        #expect(result.failure == "junk.json: not a valid compiled table (unknown member \"junk\" at the top (byte 1))")
    }

    /// A table of another version says so, even when its new members come first.
    @Test func readerNamesAnotherVersion() throws {
        let good = PolicyCompilation.artifact(try TableGoldenTests.table())
        let v2 = good.replacing("\"quorum\":1", with: "\"quorum\":1,\"weight\":2").replacing("\"version\":1}", with: "\"version\":2}")
        #expect(PolicyCompilation.load(Array(v2.utf8), file: "t.json").failure == "t.json: table version 2 is not supported (this build reads 1)")
    }
}

