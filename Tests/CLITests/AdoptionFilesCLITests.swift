import Foundation
import Testing

/// The files other tools read: `.pre-commit-hooks.yaml` (pre-commit) and `action.yml` (the
/// GitHub Action). Their structure is checked, and every `hitl-policy` command line in them
/// must name a real subcommand, real options and real `--format` values of this binary.
@Suite("pre-commit hooks and GitHub Action")
struct AdoptionFilesCLITests {
    // MARK: pre-commit

    @Test func preCommitHooks() throws {
        let hooks = try RepoYAML.load(".pre-commit-hooks.yaml").list
        #expect(hooks.map { $0["id"]?.string } == ["hitl-policy-lint", "hitl-policy-test"])
        let known = Set(["id", "name", "description", "entry", "language", "files", "exclude", "types", "types_or",
                         "pass_filenames", "require_serial", "always_run", "args", "stages", "minimum_pre_commit_version"])
        for hook in hooks {
            let id = hook["id"]?.string ?? "?"
            #expect(Set(hook.keys).isSubset(of: known), "\(id): unknown keys \(Set(hook.keys).subtracting(known))")
            for key in ["id", "name", "entry", "language"] { #expect(hook[key]?.string?.isEmpty == false, "\(id): no \(key)") }
            #expect(hook["language"]?.string == "swift", "\(id): pre-commit's native swift language")
            if let files = hook["files"]?.string {
                #expect((try? Regex(files)) != nil, "\(id): files is not a regular expression")
            }
        }
        let lint = hooks.first { $0["id"]?.string == "hitl-policy-lint" }
        #expect(lint?["entry"]?.string?.contains("--strict") == true)
        // The convention of docs/editors.md, not test files.
        let files = try Regex(lint?["files"]?.string ?? "")
        let exclude = try Regex(lint?["exclude"]?.string ?? "^$")
        func linted(_ path: String) -> Bool { path.contains(files) && !path.contains(exclude) }
        #expect(linted("payments.hitl.yaml") && linted("ops/hitl-policy/payments.yaml") && linted("hitl-policy/a.yml"))
        #expect(!linted("config.yaml") && !linted("hitl-policy/payments.test.yaml"))
        #expect(hooks.last?["pass_filenames"]?.string == "false")
        let entries = hooks.compactMap { $0["entry"]?.string }
        try checkCommandLines(entries, in: ".pre-commit-hooks.yaml", arrays: [:])
    }

    // MARK: GitHub Action

    @Test func actionStructureAndInputs() throws {
        let action = try RepoYAML.load("action.yml")
        for key in ["name", "description"] { #expect(action[key]?.string?.isEmpty == false, "no \(key)") }
        #expect(action["runs"]?["using"]?.string == "composite")
        let steps = action["runs"]?["steps"]?.list ?? []
        #expect(steps.count >= 8)
        var ids: Set<String> = []
        for (i, step) in steps.enumerated() {
            let name = step["name"]?.string ?? "step \(i)"
            #expect(step["name"] != nil, "step \(i) has no name")
            let runs = step["run"] != nil, uses = step["uses"] != nil
            #expect(runs != uses, "\(name): exactly one of run and uses")
            if runs { #expect(step["shell"] != nil, "\(name): a composite run step needs shell") }
            if let uses = step["uses"]?.string { #expect(uses.contains("@"), "\(name): pin \(uses) to a version") }
            if let id = step["id"]?.string { #expect(ids.insert(id).inserted, "duplicate step id \(id)") }
        }
        // Every step output referenced belongs to a step with that id.
        let text = try String(contentsOf: CLI.root.appendingPathComponent("action.yml"), encoding: .utf8)
        for m in text.matches(of: /steps\.([A-Za-z0-9_-]+)\.outputs/) {
            #expect(ids.contains(String(m.1)), "steps.\(m.1) is not a step id")
        }
        // Every input declared is used, every input used is declared, each has a description.
        let declared = Set(action["inputs"]?.keys ?? [])
        let used = Set(text.matches(of: /inputs\.([A-Za-z0-9_-]+)/).map { String($0.1) })
        #expect(declared == used, "declared but unused: \(declared.subtracting(used).sorted()); used but undeclared: \(used.subtracting(declared).sorted())")
        for input in declared { #expect(action["inputs"]?[input]?["description"] != nil, "input \(input) has no description") }
        for output in action["outputs"]?.keys ?? [] {
            #expect(action["outputs"]?[output]?["value"] != nil, "output \(output) has no value")
        }
        // It does what the issue asks: SARIF upload, JUnit, the sticky comment, the gate.
        let uses = steps.compactMap { $0["uses"]?.string }
        #expect(uses.contains { $0.hasPrefix("actions/cache@") })
        #expect(uses.contains { $0.hasPrefix("github/codeql-action/upload-sarif@") })
        #expect(uses.contains { $0.hasPrefix("marocchino/sticky-pull-request-comment@") })
        #expect(action["inputs"]?["fail-on"]?["default"]?.string == "loosened")

        var lines: [String] = []
        var arrays: [String: [String]] = [:]
        for step in steps {
            guard let script = step["run"]?.string else { continue }
            for m in script.matches(of: /(\w+)=\(([^)]*)\)/) {
                arrays[String(m.1)] = m.2.split(separator: " ").map(String.init).filter { $0.hasPrefix("--") }
            }
            lines += script.split(separator: "\n").map(String.init)
        }
        try checkCommandLines(lines, in: "action.yml", arrays: arrays)
        #expect(lines.contains { $0.contains("hitl-policy lint") && $0.contains("--format sarif") })
        #expect(lines.contains { $0.contains("hitl-policy test") && $0.contains("--format junit") })
        #expect(lines.contains { $0.contains("hitl-policy diff") && $0.contains("--format markdown") && $0.contains("${traffic[@]}") && $0.contains("${fail[@]}") })
    }

    // MARK: Helpers

    /// The binary's subcommands, with the long options and the `--format` values of each.
    static func commandTable() throws -> [String: (options: Set<String>, formats: Set<String>)] {
        let r = try CLI.run(["--experimental-dump-help"])
        let dump = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        var out: [String: (Set<String>, Set<String>)] = [:]
        for sub in (dump?["command"] as? [String: Any])?["subcommands"] as? [[String: Any]] ?? [] {
            guard let name = sub["commandName"] as? String else { continue }
            var options: Set<String> = ["--help", "--version"], formats: Set<String> = []
            for argument in sub["arguments"] as? [[String: Any]] ?? [] {
                for n in argument["names"] as? [[String: Any]] ?? [] where n["kind"] as? String == "long" {
                    guard let long = n["name"] as? String else { continue }
                    options.insert("--" + long)
                    if long == "format" { formats = Set(argument["allValues"] as? [String] ?? []) }
                }
            }
            out[name] = (options, formats)
        }
        return out
    }

    /// Checks each `hitl-policy SUBCOMMAND …` in `lines`: the subcommand, its `--options`
    /// (also those passed through a bash array `"${name[@]}"`), and a literal `--format`.
    func checkCommandLines(_ lines: [String], in file: String, arrays: [String: [String]]) throws {
        let table = try Self.commandTable()
        var seen = 0
        for line in lines {
            guard let m = line.firstMatch(of: /(?:^|\s)hitl-policy ([a-z]+)(.*)$/) else { continue }
            seen += 1
            let sub = String(m.1), rest = String(m.2)
            guard let command = table[sub] else {
                Issue.record("\(file): '\(sub)' is not a subcommand: \(line)")
                continue
            }
            var options = rest.matches(of: /(?:^|\s)(--[a-z][a-z-]*)/).map { String($0.1) }
            for a in rest.matches(of: /"\$\{(\w+)\[@\]\}"/) { options += arrays[String(a.1)] ?? [] }
            for option in options where !command.options.contains(option) {
                Issue.record("\(file): \(sub) has no option \(option): \(line)")
            }
            if let f = rest.firstMatch(of: /--format ([a-z]+)/) {
                #expect(command.formats.contains(String(f.1)), "\(file): \(sub) has no format \(f.1)")
            }
        }
        #expect(seen > 0, "\(file): no hitl-policy command found")
    }
}
