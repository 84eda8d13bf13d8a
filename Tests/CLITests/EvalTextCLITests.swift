import Foundation
import Testing

/// `eval --format text` reads its input through the same stream as the JSON output: the same
/// lines and line numbers, byte order marks, line limit and pretty-printed object, and an
/// answer as soon as it is known on a pipe that stays open.
@Suite("eval --format text reads as JSON eval does")
struct EvalTextCLITests {
    static let policy = "policies/payments.yaml"
    static let bom = "\u{FEFF}"

    /// `line N: decision` for each JSON decision line (`id "X": decision` when it has an id,
    /// which a decision line gives instead of its line number).
    static func jsonHeads(_ stdout: String) throws -> [String] {
        try stdout.split(separator: "\n").map { line in
            let d = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let name = (d["id"] as? String).map { "id \"\($0)\"" } ?? "line \(d["line"] as? Int ?? -1)"
            return "\(name): \(d["decision"] as? String ?? "?")"
        }
    }

    /// The same for each text block (`line N (id "X"): capability → decision, …`).
    static func textHeads(_ stdout: String) -> [String] {
        stdout.split(separator: "\n").filter { $0.hasPrefix("line ") }.map { head in
            let number = head.dropFirst(5).prefix(while: \.isNumber)
            let id = head.dropFirst(5 + number.count).hasPrefix(" (id ") ? head.dropFirst(5 + number.count + 5).prefix { $0 != ")" } : nil
            let outcome = head.components(separatedBy: ", reviewed")[0].split(separator: " ").last ?? ""
            return "\(id.map { "id \($0)" } ?? "line \(number)"): \(outcome)"
        }
    }

    /// Both formats on `path` (or, when nil, on `stdin` through a pipe): their heads. The
    /// notes on standard error are the same.
    static func bothFormats(_ path: String?, stdin: String? = nil) throws -> (json: [String], text: [String], textOut: String) {
        let input = path.map { [$0] } ?? []
        let json = try CLI.run(["eval", "--policy", policy] + input, stdin: stdin)
        let text = try CLI.run(["eval", "--policy", policy, "--format", "text"] + input, stdin: stdin)
        #expect(json.status == 0 && text.status == 0, "\(json.stderr) \(text.stderr)")
        #expect(json.stderr == text.stderr)
        return (try jsonHeads(json.stdout), textHeads(text.stdout), text.stdout)
    }

    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-text-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A first line holding only a byte order mark is blank for both: the action after it is
    /// line 2 (text used to read the file as one object, `line 1`), from a file and a pipe.
    @Test func aByteOrderMarkAloneOnTheFirstLineIsBlank() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let content = Self.bom + "\n{\"capability\":\"refund\",\"amount\":10}\n"
        let file = dir.appendingPathComponent("marked.jsonl")
        try Data(content.utf8).write(to: file)
        for (path, stdin) in [(file.path, nil), (nil, content)] as [(String?, String?)] {
            let r = try Self.bothFormats(path, stdin: stdin)
            #expect(r.json == ["line 2: approval"], "\(path ?? "pipe")")
            #expect(r.text == r.json, "\(path ?? "pipe"): \(r.textOut)")
        }
    }

    /// A regular file holding one pretty-printed object (after a byte order mark, too) is one
    /// action in both formats, with the same decision.
    @Test func aPrettyPrintedObjectDecidesAlike() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let single = try String(contentsOf: CLI.root.appendingPathComponent("fixtures/actions/single.json"), encoding: .utf8)
        let marked = dir.appendingPathComponent("single.json")
        try Data(("\n" + Self.bom + single).utf8).write(to: marked)
        for (path, line) in [("fixtures/actions/single.json", 1), (marked.path, 2)] {
            let r = try Self.bothFormats(path)
            #expect(r.json == ["id \"pr-review-7\": approval"], "\(path)")
            #expect(r.text == r.json, "\(path): \(r.textOut)")
            #expect(r.textOut.hasPrefix("line \(line) (id \"pr-review-7\"): refund → approval\n"), "\(path): \(r.textOut)")
        }
    }

    /// The line limit is one limit: a line one byte over it is answered unread in both
    /// formats, from a file as from a pipe, and a line exactly at the limit is decided in both
    /// (JSON output used to answer it as too long).
    @Test func theLineLimitIsTheSameForBoth() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let limit = 4 << 20
        func padded(to length: Int) -> String {
            let head = "{\"capability\":\"refund\",\"pad\":\"", tail = "\"}"
            return head + String(repeating: "p", count: length - head.utf8.count - tail.utf8.count) + tail
        }
        let content = [padded(to: limit + 1), "{\"capability\":\"x\"}", padded(to: limit)].joined(separator: "\n") + "\n"
        let file = dir.appendingPathComponent("long.jsonl")
        try Data(content.utf8).write(to: file)
        for (path, stdin) in [(file.path, nil), (nil, content)] as [(String?, String?)] {
            let r = try Self.bothFormats(path, stdin: stdin)
            #expect(r.json == ["line 1: invalid", "line 2: disabled", "line 3: disabled"], "\(path ?? "pipe")")
            #expect(r.text == r.json, "\(path ?? "pipe")")
            #expect(r.textOut.hasPrefix("line 1: invalid\n  error: the line is longer than 4194304 bytes\n\nline 2: x → disabled\n"), "\(r.textOut.prefix(300))")
        }
    }

    /// An agent writes one action and waits: its block comes while the pipe stays open, and
    /// the next block after a blank line.
    @Test func answersThroughAPipeThatStaysOpen() throws {
        let p = Process()
        p.executableURL = CLI.executable
        p.arguments = ["eval", "--policy", Self.policy, "--format", "text", "--exit-code"]
        p.currentDirectoryURL = CLI.root
        let inp = Pipe(), out = Pipe()
        p.standardInput = inp
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let fd = out.fileHandleForReading.fileDescriptor
        inp.fileHandleForWriting.write(Data("{\"id\":\"t-1\",\"capability\":\"lookup_order\",\"confidence\":0.99,\"reversible\":true,\"tags\":[]}\n".utf8))
        let first = EvalStreamCLITests.read(lines: 2, from: fd, seconds: 10)
        #expect(first == "line 1 (id \"t-1\"): lookup_order → autonomous\n  why: capabilities.lookup_order: stage autonomous (policies/payments.yaml:44:3)\n", "\(first)")
        inp.fileHandleForWriting.write(Data("{\"capability\":\"close_account\"}\n".utf8))
        let second = EvalStreamCLITests.read(lines: 2, from: fd, seconds: 10)
        #expect(second.hasPrefix("\nline 2: close_account → disabled\n"), "\(second)")
        try inp.fileHandleForWriting.close()
        p.waitUntilExit()
        #expect(p.terminationStatus == 4)
    }

    /// A read that fails part-way (`/proc/self/mem` answers EIO at its first page) ends both
    /// formats alike: the file and the system's reason on standard error, status 2, nothing
    /// on standard output.
    @Test func readErrorEndsEveryFormatAlike() throws {
        guard FileManager.default.isReadableFile(atPath: "/proc/self/mem") else { return }
        let json = try CLI.run(["eval", "--policy", Self.policy, "/proc/self/mem"])
        let text = try CLI.run(["eval", "--policy", Self.policy, "--format", "text", "/proc/self/mem"])
        for r in [json, text] {
            #expect(r.status == 2)
            #expect(r.stderr.hasPrefix("hitl-policy: error: /proc/self/mem: ") && r.stderr.hasSuffix("\n"), "\(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
        #expect(text.stderr == json.stderr)
    }
}
