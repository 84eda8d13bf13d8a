import Foundation
import Testing

/// `hitl-policy test` on input a pull request controls: case names that would stall a
/// backtracking `--run` or forge output lines, and `--generate` on a policy whose test file
/// would pass the limits `test` enforces.
@Suite("hitl-policy test fails closed")
struct TestFailClosedCLITests {
    /// Runs the tool, killed after `seconds`: the bound is generous (a debug build, a busy
    /// machine); what it catches is a backtracking matcher, which takes minutes to forever.
    static func run(_ arguments: [String], seconds: Int = 120, directory: URL? = nil) throws -> CLI.Result {
        try CLI.run(["-s", "KILL", String(seconds), CLI.executable.path] + arguments,
                    directory: directory, executable: URL(fileURLWithPath: "/usr/bin/timeout"))
    }

    static func temporaryFolder(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hp-\(name)-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("--run '(a+)+$' on a 22-character name answers at once (it selects by a linear-time matcher)")
    func runNestedQuantifier() throws {
        let r = try Self.run(["test", "--run", "(a+)+$", "fixtures/tests/run-pathological.test.yaml"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.hasSuffix("  ok    a name that ends in aaa\n1 case in 1 file: 1 passed, 0 failed\n"), "\(r.stdout)")
    }

    @Test("--run 'x.*y' on a 20,000-character name, and nested quantifiers on it, answer at once")
    func runLongName() throws {
        let dir = try Self.temporaryFolder("runlong")
        defer { try? FileManager.default.removeItem(at: dir) }
        let long = String(repeating: "x", count: 20_000)
        // A test file names a policy inside the folder being tested.
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("policies/payments.yaml"), to: dir.appendingPathComponent("payments.yaml"))
        try """
            policy: payments.yaml
            cases:
              - name: \(long)
                action: {capability: not_listed}
                expect: {decision: disabled}
              - name: \(long)y
                action: {capability: not_listed}
                expect: {decision: disabled}

            """.write(to: dir.appendingPathComponent("long.test.yaml"), atomically: true, encoding: .utf8)
        for pattern in ["x.*y", "(x+x+)+y", "(x|xx)+$"] {
            let r = try Self.run(["test", "--run", pattern, "long.test.yaml"], directory: dir)
            // Each pattern selects exactly one of the two names.
            #expect(r.status == 0, "\(pattern): \(r.stderr)")
            #expect(r.stdout.hasSuffix("1 case in 1 file: 1 passed, 0 failed\n"), "\(pattern): \(r.stdout.suffix(200))")
        }
    }

    @Test("--run refuses what needs backtracking with a usage error that says why (exit 2)",
          arguments: [("(a)\\1", "back-references"), ("(?=a)", "look-ahead"), ("(?<!a)b", "look-behind"), ("a*+", "possessive"), ("(", "never closed")])
    func runRefused(pattern: String, reason: String) throws {
        let r = try Self.run(["test", "--run", pattern, "fixtures/tests/run-pathological.test.yaml"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--run '\(pattern)': ") && r.stderr.contains(reason), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    /// Control bytes other than the line feeds the reporter writes itself.
    static func controls(_ s: String) -> [UInt32] {
        s.unicodeScalars.map(\.value).filter { ($0 < 0x20 && $0 != 0x0A) || (0x7F...0x9F).contains($0) || (0x202A...0x202E).contains($0) }
    }

    @Test("a case name cannot erase its FAIL line or forge an ok line and a summary (text and TAP)")
    func forgedName() throws {
        let file = "fixtures/tests/forged-name.test.yaml"
        let text = try Self.run(["test", file])
        #expect(text.status == 1)
        #expect(Self.controls(text.stdout).isEmpty, "\(Self.controls(text.stdout))")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("  ok") }.isEmpty, "\(lines)")
        #expect(lines.contains("  FAIL  \\u{1b}[2K\\r  ok    all good\\n1 case in 1 file: 1 passed, 0 failed\\n\\u{0}\\u{9b}2K\\u{202e}"), "\(lines)")
        #expect(lines.last == "1 case in 1 file: 0 passed, 1 failed")
        #expect(lines.filter { $0.contains("case in 1 file") && !$0.hasPrefix("  FAIL") } == ["1 case in 1 file: 0 passed, 1 failed"])

        let tap = try Self.run(["test", "--format", "tap", file])
        #expect(tap.status == 1)
        #expect(Self.controls(tap.stdout).isEmpty, "\(Self.controls(tap.stdout))")
        let points = tap.stdout.split(separator: "\n").filter { $0.hasPrefix("ok") || $0.hasPrefix("not ok") }
        #expect(points.count == 1 && points[0].hasPrefix("not ok 1 - "), "\(points)")
    }

    @Test("JSON output escapes every control character of the name, and reads back the exact name")
    func forgedNameJSON() throws {
        let r = try Self.run(["test", "--format", "json", "fixtures/tests/forged-name.test.yaml"])
        #expect(r.status == 1)
        #expect(r.stdout.unicodeScalars.allSatisfy { $0.value >= 0x20 || $0 == "\n" })
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        let cases = try #require(files.first?["cases"] as? [[String: Any]])
        #expect(cases.first?["name"] as? String == "\u{1B}[2K\r  ok    all good\n1 case in 1 file: 1 passed, 0 failed\n\0\u{9B}2K\u{202E}")
    }

    @Test("lint text and GitHub output write control characters in quoted names out")
    func lintEscapes() throws {
        let dir = try Self.temporaryFolder("lintctl")
        defer { try? FileManager.default.removeItem(at: dir) }
        let policy = dir.appendingPathComponent("p.yaml")
        try "version: 1\nname: demo\ncapabilities:\n  read:\n    stage: autonomous\n    \"x\\e[2K\\rforged\": 1\n".write(to: policy, atomically: true, encoding: .utf8)
        for format in ["text", "github"] {
            let r = try Self.run(["lint", "--format", format, policy.path])
            #expect(r.status == 1, "\(r.stdout)")
            #expect(Self.controls(r.stdout).isEmpty, "\(format): \(r.stdout)")
            #expect(r.stdout.contains("x\\u{1b}[2K\\rforged"), "\(format): \(r.stdout)")
        }
    }

    @Test("--generate stops at the 8 MiB limit of a test file with one message, and writes nothing")
    func generateTooLarge() throws {
        let dir = try Self.temporaryFolder("gen8m")
        defer { try? FileManager.default.removeItem(at: dir) }
        let policy = dir.appendingPathComponent("big.yaml").path
        // 60 capabilities and 8 rules: about 29,000 rows, past 8 MiB as a test file.
        _ = try CLI.runPython("import subprocess, sys\nsubprocess.run([sys.executable, '\(CLI.root.path)/scripts/gen_policy.py', '60', '8', '\(policy)'], check=True)", stdin: "")
        let out = dir.appendingPathComponent("big.test.yaml").path
        let r = try Self.run(["test", "--generate", policy, "-o", out], seconds: 600)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("hitl-policy: error: \(policy): one case per row ("), "\(r.stderr)")
        #expect(r.stderr.contains("makes a test file larger than 8388608 bytes, the largest `test` reads"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let stdout = try Self.run(["test", "--generate", policy], seconds: 600)
        #expect(stdout.status == 2 && stdout.stdout.isEmpty)
    }

    @Test("--generate refuses a file test would refuse (a row name longer than a scalar may be)")
    func generateScalarTooLong() throws {
        let dir = try Self.temporaryFolder("genlong")
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = String(repeating: "a", count: 65_530)
        try """
            version: 1
            name: long
            currency: USD
            defaults: {sla: 1h}
            tiers:
              - name: team
                approvers: [t]
            capabilities:
              ? \(name)
              : stage: autonomous
                spend:
                  - over: 100
                    tier: team

            """.write(to: dir.appendingPathComponent("long.yaml"), atomically: true, encoding: .utf8)
        let r = try Self.run(["test", "--generate", "long.yaml", "-o", "long.test.yaml"], directory: dir)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("the generated test file would not pass `test`") && r.stderr.contains("HP107"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("long.test.yaml").path))
    }
}
