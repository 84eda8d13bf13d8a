import Foundation
import Testing

/// SPEC §5: a status never claims more than was done. When standard output is closed
/// (`>&-`), full (`/dev/full`) or a pipe nobody reads, `compile` and a clean `lint` exit 2,
/// `lint` with failing findings keeps its 1, and `diff --fail-on` keeps a met verdict (1);
/// a closed pipe is quiet, any other failure says so in one line.
@Suite("output that cannot be written")
struct OutputFailureCLITests {
    static let payments = "policies/payments.yaml"
    static let loosened = ["diff", "fixtures/diff/01-raise-spend-threshold/old.yaml", "fixtures/diff/01-raise-spend-threshold/new.yaml"]
    static let cosmetic = ["diff", "fixtures/diff/14-cosmetic-edits/old.yaml", "fixtures/diff/14-cosmetic-edits/new.yaml"]

    /// Runs the tool through `/bin/sh` with `redirect` applied to its standard output.
    static func shell(_ arguments: [String], redirect: String) throws -> CLI.Result {
        let quoted = ([CLI.executable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "exec \(quoted) \(redirect)"]
        p.currentDirectoryURL = CLI.root
        let err = Pipe()
        p.standardError = err
        try p.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return CLI.Result(status: p.terminationStatus, stdout: "", stderr: String(decoding: data, as: UTF8.self))
    }

    /// Runs the tool with standard output a pipe whose reading end is already closed: the
    /// first write fails with EPIPE, deterministically.
    static func closedReader(_ arguments: [String]) throws -> CLI.Result {
        let p = Process()
        p.executableURL = CLI.executable
        p.arguments = arguments
        p.currentDirectoryURL = CLI.root
        let out = Pipe(), err = Pipe()
        try out.fileHandleForReading.close()
        p.standardOutput = out.fileHandleForWriting
        p.standardError = err
        signal(SIGPIPE, SIG_IGN)
        try p.run()
        try out.fileHandleForWriting.close()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return CLI.Result(status: p.terminationStatus, stdout: "", stderr: String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: ["json", "table", "markdown", "csv"])
    func compileThatWritesNothingExitsTwo(format: String) throws {
        let args = ["compile", "--format", format, Self.payments]
        let full = try Self.shell(args, redirect: ">/dev/full")
        #expect(full.status == 2)
        #expect(full.stderr == "hitl-policy: error: standard output: cannot write (No space left on device)\n")
        let closed = try Self.shell(args, redirect: ">&-")
        #expect(closed.status == 2)
        #expect(closed.stderr.hasPrefix("hitl-policy: error: standard output: cannot write"), "\(closed.stderr)")
        let pipe = try Self.closedReader(args)
        #expect(pipe.status == 2)
        #expect(pipe.stderr.isEmpty, "\(pipe.stderr)")
    }

    @Test func compileToAFullFileExitsTwo() throws {
        let r = try CLI.run(["compile", "-o", "/dev/full", Self.payments])
        #expect(r.status == 2)
        #expect(r.stderr == "hitl-policy: error: /dev/full: cannot write (No space left on device)\n")
    }

    @Test func lintNeverPassesUnseen() throws {
        #expect(try Self.shell(["lint", "policies"], redirect: ">/dev/full").status == 2)
        #expect(try Self.shell(["lint", "policies"], redirect: ">&-").status == 2)
        let pipe = try Self.closedReader(["lint", "policies"])
        #expect(pipe.status == 2)
        #expect(pipe.stderr.isEmpty)
        // Findings that fail keep their status.
        #expect(try Self.shell(["lint", "fixtures/invalid/unknown-field-typo.yaml"], redirect: ">/dev/full").status == 1)
        #expect(try Self.closedReader(["lint", "--format", "sarif", "fixtures/invalid/unknown-field-typo.yaml"]).status == 1)
        #expect(try Self.shell(["lint", "--strict", "fixtures/invalid/warnings-only.yaml"], redirect: ">&-").status == 1)
    }

    @Test func diffKeepsAMetVerdict() throws {
        let full = try Self.shell(Self.loosened + ["--fail-on", "any"], redirect: ">/dev/full")
        #expect(full.status == 1)
        #expect(full.stderr.contains("No space left on device"))
        #expect(try Self.closedReader(Self.loosened + ["--fail-on", "loosened", "--format", "json"]).status == 1)
        // A verdict not met, or none asked for, cannot say 0 for a report nobody received.
        let quiet = try Self.closedReader(Self.cosmetic + ["--fail-on", "any"])
        #expect(quiet.status == 2)
        #expect(quiet.stderr.isEmpty)
        #expect(try Self.shell(Self.loosened, redirect: ">&-").status == 2)
        #expect(try Self.shell(Self.loosened + ["--format", "markdown"], redirect: ">/dev/full").status == 2)
    }
}
