import Foundation
import Testing

/// `hitl-policy log verify` on logs written by an independent writer (Python's hashlib), so
/// the chain's definition is checked against something this project did not write.
@Suite("log verify")
struct LogVerifyCLITests {
    /// Writes `n` records with Python, chaining `prev` = "sha256:" + hex SHA-256 of the previous
    /// line's bytes (the first: of b""), then applies `edit` (Python, to `lines`).
    static func pythonLog(_ n: Int, edit: String = "") throws -> (URL, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-logcli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("decisions.log")
        let script = """
            import hashlib, json, sys
            lines, prev = [], hashlib.sha256(b"").hexdigest()
            for i in range(\(n)):
                rec = {"time": "2026-11-20T14:03:%02dZ" % i, "source": "hook", "session": "s-1",
                       "action": {"capability": "refund", "amount": {"value": "%d.00" % (i * 100), "currency": "EUR"}},
                       "decision": {"decision": "approval", "review": False}, "prev": "sha256:" + prev}
                line = json.dumps(rec, separators=(",", ":"))
                lines.append(line)
                prev = hashlib.sha256(line.encode()).hexdigest()
            \(edit)
            open(sys.argv[1], "w").write("".join(l + "\\n" for l in lines))
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, file.path]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        return (dir, file)
    }

    @Test func intactLogPasses() throws {
        let (dir, file) = try Self.pythonLog(5)
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["log", "verify", file.path])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("5 records (5 decisions, 0 reviews), chain intact; last record sha256:"), "\(r.stdout)")
        let piped = try CLI.run(["log", "verify", "-"], stdin: try String(contentsOf: file, encoding: .utf8))
        #expect(piped.status == 0)
        #expect(piped.stdout.hasPrefix("standard input: 5 records"))
    }

    @Test(arguments: [
        ("lines[2] = lines[2].replace('approval', 'autonomous')", 4),
        ("del lines[1]", 2),
        ("lines[0], lines[1] = lines[1], lines[0]", 1),
        ("lines.insert(3, lines[3])", 5),
    ])
    func tamperingIsNamed(edit: String, line: Int) throws {
        let (dir, file) = try Self.pythonLog(6, edit: edit)
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["log", "verify", file.path])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.hasPrefix("\(file.path):\(line): broken: "), "\(edit): \(r.stdout)")
    }

    @Test func unreadableIsUsage() throws {
        let missing = try CLI.run(["log", "verify", "/nonexistent/decisions.log"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("No such file"))
        let folder = try CLI.run(["log", "verify", "fixtures"])
        #expect(folder.status == 2)
        let binary = try CLI.run(["log", "verify", "-"], stdin: "\u{1}\u{2}garbage\n")
        #expect(binary.status == 1)
        #expect(binary.stdout.contains(":1: broken: not a JSON record"))
        let empty = try CLI.run(["log", "verify", "-"], stdin: "")
        #expect(empty.status == 0)
        #expect(empty.stdout.contains("0 records"))
    }
}
