import Foundation
import Testing

/// Issue 12 item 12: `eval` reads an action line that begins with a UTF-8 byte order mark
/// as if the mark were not there (as a policy file with one), on every line, from a file
/// (one thread and several), standard input and a pipe; a line holding only the mark is
/// blank.
@Suite("eval: byte order marks on action lines")
struct EvalByteOrderMarkCLITests {
    static let policy = "policies/payments.yaml"
    static let bom = "\u{FEFF}"

    /// The fixture actions and some bad lines, about 1.3 MB (so a file and a bulk pipe are
    /// decided in batches by worker threads); `marked` puts a mark before every third line
    /// and on a line of its own.
    static func input(marked: Bool) throws -> String {
        let fixture = try String(contentsOf: CLI.root.appendingPathComponent("fixtures/actions/payments.jsonl"), encoding: .utf8)
        let lines = fixture.split(separator: "\n").map(String.init)
        var text = ""
        for k in 0..<12_000 {
            let mark = marked && k % 3 == 0 ? bom : ""
            switch k % 97 {
            case 5: text += mark + "\n"
            case 11: text += mark + "{\"capability\": \"refund\", oops}\n"
            default: text += mark + lines[k % lines.count] + "\n"
            }
        }
        return text
    }

    @Test func markedLinesDecideLikeUnmarkedOnes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-bom-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = dir.appendingPathComponent("plain.jsonl"), marked = dir.appendingPathComponent("marked.jsonl")
        try Data(Self.input(marked: false).utf8).write(to: plain)
        try Data(Self.input(marked: true).utf8).write(to: marked)
        let p = Self.policy
        #expect(try EvalPipeCLITests.shell("\"$0\" eval --policy \(p) --jobs 1 '\(plain.path)' >'\(dir.path)/want'") == 0)
        let runs = [
            "\"$0\" eval --policy \(p) --jobs 1 '\(marked.path)' >'\(dir.path)/file1'",
            "\"$0\" eval --policy \(p) --jobs 3 '\(marked.path)' >'\(dir.path)/file3'",
            "cat '\(marked.path)' | \"$0\" eval --policy \(p) --jobs 3 - >'\(dir.path)/pipe'",
            "\"$0\" eval --policy \(p) <'\(marked.path)' >'\(dir.path)/stdin'",
        ]
        for script in runs { #expect(try EvalPipeCLITests.shell(script) == 0, "\(script)") }
        let want = try Data(contentsOf: dir.appendingPathComponent("want"))
        #expect(want.count > 1_000_000)
        #expect(!String(decoding: want, as: UTF8.self).contains("not valid UTF-8"))
        for name in ["file1", "file3", "pipe", "stdin"] {
            #expect(try Data(contentsOf: dir.appendingPathComponent(name)) == want, "\(name)")
        }
    }

    /// One action through a pipe (the interactive path) and a pretty-printed object whose
    /// file begins with a mark.
    @Test func oneMarkedActionAndAMarkedDocument() throws {
        let action = "{\"id\":\"m-1\",\"capability\":\"refund\",\"amount\":42}"
        let r = try CLI.run(["eval", "--policy", Self.policy, "-"], stdin: Self.bom + action + "\n" + Self.bom + "\n")
        let want = try CLI.run(["eval", "--policy", Self.policy, "-"], stdin: action + "\n\n")
        #expect(r.status == 0 && r.stderr.isEmpty)
        #expect(r.stdout == want.stdout)
        #expect(r.stdout.split(separator: "\n").count == 1)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-bom-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let single = try String(contentsOf: CLI.root.appendingPathComponent("fixtures/actions/single.json"), encoding: .utf8)
        let file = dir.appendingPathComponent("single.json")
        try Data((Self.bom + single).utf8).write(to: file)
        let doc = try CLI.run(["eval", "--policy", Self.policy, file.path])
        let plainDoc = try CLI.run(["eval", "--policy", Self.policy, "fixtures/actions/single.json"])
        #expect(doc.status == 0 && doc.stdout == plainDoc.stdout, "\(doc.stdout)")
    }
}
