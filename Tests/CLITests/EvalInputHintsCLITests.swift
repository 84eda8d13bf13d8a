import Foundation
import Testing

/// `eval` on input that is not JSON Lines: a note on standard error says so, once, and
/// standard output keeps one decision per non-blank line. `--explain` names the keys an
/// action carries that decide nothing.
@Suite("eval notes on input that is not JSON Lines")
struct EvalInputHintsCLITests {
    static let policy = "policies/payments.yaml"

    static func notes(_ stderr: String) -> [Substring] {
        stderr.split(separator: "\n").filter { $0.hasPrefix("hitl-policy: note: ") }
    }

    static func shell(_ script: String) throws -> CLI.Result { try CLI.shell(script) }

    @Test func aPrettyPrintedObjectFromAPipeGetsTheJqHint() throws {
        let pretty = try String(contentsOf: CLI.root.appendingPathComponent("fixtures/actions/single.json"), encoding: .utf8)
        let lines = pretty.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }.count
        let r = try CLI.run(["eval", "--policy", Self.policy], stdin: pretty)
        #expect(r.status == 0)
        let decided = r.stdout.split(separator: "\n")
        #expect(decided.count == lines && decided.allSatisfy { $0.contains("\"decision\":\"invalid\"") })
        let notes = Self.notes(r.stderr)
        #expect(notes.count == 1, "\(r.stderr)")
        #expect(notes.first?.contains("line 1 starts a JSON value") == true && notes.first?.contains("jq -c") == true, "\(r.stderr)")
        // The same file by path is one action, and no note.
        let byPath = try CLI.run(["eval", "--policy", Self.policy, "fixtures/actions/single.json"])
        #expect(byPath.stdout.split(separator: "\n").count == 1 && byPath.stderr.isEmpty, "\(byPath.stderr)")
        // --format text says the same.
        let text = try CLI.run(["eval", "--policy", Self.policy, "--format", "text"], stdin: pretty)
        #expect(text.stdout.components(separatedBy: ": invalid").count - 1 == lines)
        #expect(Self.notes(text.stderr).count == 1 && text.stderr.contains("jq -c"), "\(text.stderr)")
    }

    @Test func jsonLinesGetNoNote() throws {
        let r = try CLI.run(["eval", "--policy", Self.policy, "fixtures/actions/payments.jsonl"])
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        let piped = try Self.shell("cat fixtures/actions/payments.jsonl | \"$0\" eval --policy \(Self.policy) --explain")
        #expect(piped.status == 0 && piped.stderr.isEmpty, "\(piped.stderr)")
    }

    /// Lines of bytes that are not UTF-8, decided one by one, by worker threads (a file over
    /// a few batches) and from a pipe: one note after the run, and every line still decided.
    @Test(arguments: [(40, ["--jobs", "1"]), (40_000, ["--jobs", "3"])])
    func binaryInputIsNamedOnce(_ count: Int, _ options: [String]) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("blob.bin")
        var bytes: [UInt8] = []
        for k in 0..<count { bytes += [0x7F, 0x45, 0xFF, UInt8(0x41 + k % 26), 0xC3, 0x28, 0x00, 0x80] + Array(repeating: 0xFE, count: 40) + [0x0A] }
        try Data(bytes).write(to: file)
        let flags = options.joined(separator: " ")
        if count < 100 {
            let text = try CLI.run(["eval", "--policy", Self.policy, "--format", "text", file.path])
            #expect(Self.notes(text.stderr).count == 1 && text.stderr.contains("lines 1-\(count) are not UTF-8"), "\(text.stderr)")
        }
        for r in [try CLI.run(["eval", "--policy", Self.policy] + options + [file.path]),
                  try Self.shell("cat '\(file.path)' | \"$0\" eval --policy \(Self.policy) \(flags)")] {
            #expect(r.status == 0)
            let decided = r.stdout.split(separator: "\n")
            #expect(decided.count == count && decided.allSatisfy { $0.contains("the line is not valid UTF-8") })
            let notes = Self.notes(r.stderr)
            #expect(notes.count == 1, "\(r.stderr.prefix(500))")
            #expect(notes.first?.contains("lines 1-\(count) are not UTF-8 text: this is not JSON Lines") == true, "\(r.stderr.prefix(500))")
        }
    }

    @Test func oneStrayLineIsNotNamed() throws {
        let r = try Self.shell("printf '{\"capability\":\"refund\"}\\n\\377oops\\n\\376\\n{\"capability\":\"refund\"}\\n' | \"$0\" eval --policy \(Self.policy)")
        #expect(r.stdout.split(separator: "\n").filter { $0.contains("the line is not valid UTF-8") }.count == 2, "\(r.stdout)")
        #expect(r.stderr.isEmpty, "\(r.stderr)")
    }

    @Test func explainNamesIgnoredKeys() throws {
        let action = #"{"capability":"refund","ammount":5000,"reasoning":"the customer asked"}"#
        let r = try CLI.run(["eval", "--policy", Self.policy, "--explain"], stdin: action + "\n")
        let d = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let explain = try #require(d["explain"] as? [String: Any])
        let ignored = try #require(explain["ignored"] as? [[String: String]])
        #expect(ignored == [["field": "ammount", "did_you_mean": "amount"], ["field": "reasoning"]])
        // Without --explain the decision is unchanged: no note, no new key.
        let plain = try CLI.run(["eval", "--policy", Self.policy], stdin: action + "\n")
        #expect(!plain.stdout.contains("ignored") && plain.stderr.isEmpty)
        let known = try CLI.run(["eval", "--policy", Self.policy, "--explain"], stdin: #"{"capability":"refund","amount":5}"# + "\n")
        #expect(!known.stdout.contains("\"ignored\""))
    }
}
