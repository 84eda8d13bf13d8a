import Foundation
import Testing

/// Every command's help ends with EXAMPLES, and every example works as written: each is run
/// by bash, from a copy of the repository's policies and fixtures committed to git (with an
/// `origin/main` for the `diff --git` examples), and exits as a clean run does.
@Suite("help examples")
struct HelpExamplesCLITests {
    static let commands = [[], ["lint"], ["compile"], ["eval"], ["diff"], ["test"], ["simulate"], ["suggest"], ["hook"], ["mcp"]]

    /// The examples of a help text: each is its description and its command lines (a line
    /// ending in ` \` joined with the next).
    static func examples(_ help: String) -> [(what: String, script: String)] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: "EXAMPLES:") else { return [] }
        var out: [(what: String, script: String)] = []
        for line in lines[(start + 1)...] {
            if line.hasPrefix("    ") {
                guard !out.isEmpty else { break }
                out[out.count - 1].script += String(line.dropFirst(4)) + "\n"
            } else if line.hasPrefix("  ") {
                out.append((String(line.dropFirst(2)), ""))
            } else {
                break
            }
        }
        return out.map { ($0.what, $0.script.replacingOccurrences(of: " \\\n", with: " ")) }
    }

    @Test(arguments: commands)
    func helpHasExamples(command: [String]) throws {
        let r = try CLI.run(command + ["--help"])
        #expect(r.status == 0)
        let examples = Self.examples(r.stdout)
        #expect(examples.count >= 2, "\(command): \(r.stdout)")
        for e in examples {
            #expect(e.script.contains("hitl-policy \(command.first ?? "")"), "\(command): \(e.what) shows no `hitl-policy \(command.first ?? "")`")
        }
    }

    @Test func everyExampleRuns() throws {
        try Prerequisite.git.require()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-examples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for folder in ["policies", "fixtures"] {
            try FileManager.default.copyItem(at: CLI.root.appendingPathComponent(folder), to: dir.appendingPathComponent(folder))
        }
        try CLI.git(["init", "-q", "-b", "main"], in: dir)
        try CLI.git(["add", "."], in: dir)
        try CLI.git(["commit", "-q", "-m", "policies"], in: dir)
        try CLI.git(["update-ref", "refs/remotes/origin/main", "HEAD"], in: dir)
        let path = CLI.executable.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        var ran = 0
        for command in Self.commands {
            for e in Self.examples(try CLI.run(command + ["--help"]).stdout) {
                let r = try CLI.run(["-c", e.script], environment: ["PATH": path], directory: dir,
                                    executable: URL(fileURLWithPath: "/bin/bash"))
                // The one example about --exit-code shows an approval (3).
                let expected: Int32 = e.script.contains("--exit-code") ? 3 : 0
                #expect(r.status == expected, "\(e.what)\n\(e.script)\(r.stderr)")
                // Standard error may carry hints (eval's, on the sample's invalid lines), never
                // a usage error or a failure of the tool.
                #expect(!r.stderr.contains("Error:") && !r.stderr.contains("error:"), "\(e.what)\n\(e.script)\(r.stderr)")
                ran += 1
            }
        }
        #expect(ran >= 12)
    }
}
