import Foundation
import Testing

@Suite("hitl-policy lint (the built binary)")
struct LintCLITests {
    @Test func examplePoliciesLintClean() throws {
        let r = try CLI.run(["lint", "--strict", "policies"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stderr.isEmpty)
        // The five policies and their five test files (linted as test files, not as policies).
        #expect(r.stdout.contains("10 files checked: 0 errors, 0 warnings"))
    }

    /// A `*.test.yaml` is checked as `test` checks it: its keys, its policy, its expectations.
    @Test func testFilesAreLintedAsTestFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lint-testfile-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let policy = try String(contentsOfFile: CLI.root.appendingPathComponent("policies/payments.yaml").path, encoding: .utf8)
        try policy.write(to: dir.appendingPathComponent("payments.yaml"), atomically: true, encoding: .utf8)
        try """
            policy: payments.yaml
            cases:
              - name: refund
                action: {capability: refund}
                expect: {decision: approval, tier: nobody}
                expct: {}
            """.write(to: dir.appendingPathComponent("refund.test.yaml"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["lint", dir.path])
        #expect(r.status == 1, "\(r.stdout)")
        #expect(r.stdout.contains("refund.test.yaml:6:5: error[HP200]: unknown field 'expct'"), "\(r.stdout)")
        #expect(r.stdout.contains("did you mean 'expect'?"), "\(r.stdout)")
        #expect(r.stdout.contains("nobody"), "\(r.stdout)")
        #expect(!r.stdout.contains("payments.yaml:1:1"), "\(r.stdout)")
    }

    @Test func errorsExitOne() throws {
        let r = try CLI.run(["lint", "fixtures/invalid/unknown-field-typo.yaml"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("fixtures/invalid/unknown-field-typo.yaml:10:5: error[HP200]"))
        #expect(r.stdout.contains("did you mean 'tier'?"))
        #expect(r.stderr.isEmpty)
    }

    @Test func warningsFailOnlyWhenStrict() throws {
        #expect(try CLI.run(["lint", "fixtures/invalid/warnings-only.yaml"]).status == 0)
        #expect(try CLI.run(["lint", "--strict", "fixtures/invalid/warnings-only.yaml"]).status == 1)
    }

    @Test func usageAndIOErrorsExitTwo() throws {
        let missing = try CLI.run(["lint", "no/such/file.yaml"])
        #expect(missing.status == 2)
        // The report still names it (so JSON and SARIF are complete), with nothing checked.
        #expect(missing.stdout.contains("no/such/file.yaml:1:1: error[HP111]: no such file or folder"), "\(missing.stdout)")
        #expect(missing.stdout.contains("0 files checked"), "\(missing.stdout)")
        #expect(missing.stderr.contains("no/such/file.yaml: no such file or folder"))
        #expect(try CLI.run(["lint"]).status == 2)
        #expect(try CLI.run(["lint", "--format", "xml", "policies"]).status == 2)
        #expect(try CLI.run(["lint", "--no-such-flag", "policies"]).status == 2)
        #expect(try CLI.run(["frobnicate"]).status == 2)
        #expect(try CLI.run(["lint", "Sources/CYAML"]).status == 2)
    }

    @Test func helpAndVersionExitZero() throws {
        let help = try CLI.run(["lint", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--strict"))
        #expect(try CLI.run(["--version"]).status == 0)
    }

    @Test func foldersAreSearchedRecursively() throws {
        let r = try CLI.run(["lint", "--format", "json", "fixtures"])
        #expect(r.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [String])
        #expect(files.count >= 30)
        #expect(files == files.sorted())
    }

    @Test func colourOnlyWhenAsked() throws {
        let plain = try CLI.run(["lint", "fixtures/invalid/unknown-field-typo.yaml"])
        #expect(!plain.stdout.contains("\u{1B}["))
        let forced = try CLI.run(["lint", "--color", "always", "fixtures/invalid/unknown-field-typo.yaml"])
        #expect(forced.stdout.contains("\u{1B}["))
    }

    @Test func githubAnnotations() throws {
        let r = try CLI.run(["lint", "--format", "github", "fixtures/invalid/unknown-field-typo.yaml"])
        #expect(r.stdout.hasPrefix("::error file=fixtures/invalid/unknown-field-typo.yaml,line=10,col=5,title=HP200 unknown-field::"))
    }

    @Test func closedStdoutEndsQuietly() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "'\(CLI.executable.path)' lint fixtures | head -c 10 >/dev/null"]
        p.currentDirectoryURL = CLI.root
        let err = Pipe()
        p.standardError = err
        try p.run()
        p.waitUntilExit()
        #expect(err.fileHandleForReading.readDataToEndOfFile().isEmpty)
    }

    /// SARIF output validates against the SARIF 2.1.0 schema (checked with Python's
    /// jsonschema, which .ci/run installs).
    @Test func sarifValidatesAgainstTheSchema() throws {
        try Prerequisite.jsonschema.require()
        let r = try CLI.run(["lint", "--format", "sarif", "fixtures/invalid", "policies"])
        #expect(r.status == 1)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sarif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("out.sarif")
        try r.stdout.write(to: file, atomically: true, encoding: .utf8)
        let schema = CLI.root.appendingPathComponent("Tests/CLITests/Schemas/sarif-schema-2.1.0.json")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1])); log = json.load(open(sys.argv[2]))
            jsonschema.Draft7Validator(schema).validate(log)
            assert log["runs"][0]["results"], "no results"
            assert any(r.get("suppressions") for r in log["runs"][0]["results"]), "no suppressed result"
            print("valid", len(log["runs"][0]["results"]))
            """, schema.path, file.path]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        p.waitUntilExit()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus == 0, "SARIF does not validate: \(message)")
    }
}
