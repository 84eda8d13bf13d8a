import Foundation
import Testing

/// README's "Your first policy, your first decision" runs as written, in an empty folder,
/// and prints what the README shows; the counts the README states are the repository's; the
/// docs cite no document the repository does not hold.
@Suite("README walkthrough")
struct ReadmeWalkthroughCLITests {
    @Test func firstPolicyFirstDecision() throws {
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "\n## Your first policy, your first decision\n"))
        let rest = readme[section.upperBound...]
        let sh = try #require(rest.range(of: "```sh\n")), shEnd = try #require(rest[sh.upperBound...].range(of: "\n```\n"))
        let script = String(rest[sh.upperBound..<shEnd.lowerBound]) + "\n"
        let console = try #require(rest.range(of: "```console\n")), consoleEnd = try #require(rest[console.upperBound...].range(of: "```\n"))
        let shown = String(rest[console.upperBound..<consoleEnd.lowerBound])
        #expect(script.split(separator: "\n").count <= 14, "the walkthrough is meant to be short")

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = CLI.executable.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let r = try CLI.run(["-e", "-c", script], environment: ["PATH": path], directory: dir, executable: URL(fileURLWithPath: "/bin/bash"))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("1 file checked: 0 errors, 0 warnings, 1 note\n"), "\(r.stdout)")
        #expect(r.stdout.hasSuffix(shown), "README shows:\n\(shown)\nthe walkthrough prints:\n\(r.stdout)")
    }

    /// The layout section lists every room of the library, and no room that is gone.
    @Test func layoutListsEveryLibraryFolder() throws {
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "\n## Layout\n"))
        let rest = readme[section.upperBound...]
        let open = try #require(rest.range(of: "```\n")), close = try #require(rest[open.upperBound...].range(of: "\n```\n"))
        let listed = Set(rest[open.upperBound..<close.lowerBound].split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  "), let word = line.split(separator: " ").first, word.hasSuffix("/") else { return nil }
            return String(word.dropLast())
        })
        let library = CLI.root.appendingPathComponent("Sources/HITLPolicy")
        let folders = Set(try FileManager.default.contentsOfDirectory(atPath: library.path).filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: library.appendingPathComponent(name).path, isDirectory: &isDirectory) && isDirectory.boolValue
        })
        #expect(folders.count > 10)
        #expect(folders.subtracting(listed).isEmpty, "README's layout misses \(folders.subtracting(listed).sorted())")
        #expect(listed.subtracting(folders).isEmpty, "README's layout lists rooms that are gone: \(listed.subtracting(folders).sorted())")
    }

    @Test func countsMatchTheRepository() throws {
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)
        let edits = try FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("fixtures/diff").path)
            .filter { !$0.hasPrefix(".") }.count
        #expect(readme.contains("\(edits) realistic policy edits"), "fixtures/diff holds \(edits)")
        let eval = try CLI.run(["eval", "--policy", "policies/payments.yaml", "fixtures/actions/payments.jsonl"])
        let lines = eval.stdout.split(separator: "\n")
        let invalid = lines.filter { $0.contains("\"decision\":\"invalid\"") }.count
        #expect(readme.contains("Of the \(lines.count) sample actions, \(["zero", "one", "two", "three", "four", "five", "six"][min(invalid, 6)]) are invalid on purpose"),
                "\(lines.count) actions, \(invalid) invalid")
    }

    @Test func docsCiteNoSpec() throws {
        let docs = try FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.map { "docs/\($0)" } + ["README.md"]
        for doc in docs {
            let text = try String(contentsOf: CLI.root.appendingPathComponent(doc), encoding: .utf8)
            #expect(!text.contains("SPEC §"), "\(doc) cites the SPEC, which is not in the repository: cite our docs")
        }
    }
}
