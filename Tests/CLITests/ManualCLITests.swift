import Foundation
import Testing

/// The committed man page (docs/man/hitl-policy.1, written by scripts/gen-manual.sh with
/// swift-argument-parser's manual plugin) is current: every subcommand, option and help
/// text the binary declares (`--experimental-dump-help`) appears in it.
@Suite("Man page")
struct ManualCLITests {
    @Test func manPageCoversEveryCommandAndOption() throws {
        let page = try String(contentsOf: CLI.root.appendingPathComponent("docs/man/hitl-policy.1"), encoding: .utf8)
        let r = try CLI.run(["--experimental-dump-help"])
        #expect(r.status == 0)
        let dump = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        var missing: [String] = []
        func visit(_ command: [String: Any], isRoot: Bool) {
            if !isRoot, let name = command["commandName"] as? String, !page.contains(".It Em \(name)\n") {
                missing.append("subcommand \(name)")
            }
            if let abstract = command["abstract"] as? String, !page.contains(Self.roff(abstract)) {
                missing.append("abstract of \(command["commandName"] ?? "?"): \(abstract)")
            }
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                for name in argument["names"] as? [[String: Any]] ?? [] {
                    guard let n = name["name"] as? String, let kind = name["kind"] as? String else { continue }
                    // `.It Fl o , -output Ar output` names both spellings of one option.
                    let spellings = kind == "short" ? ["Fl \(n) "] : ["Fl -\(n)\n", "Fl -\(n) ", ", -\(n) ", ", -\(n)\n"]
                    if !spellings.contains(where: page.contains) { missing.append("option \(n) of \(command["commandName"] ?? "?")") }
                }
                if let help = argument["abstract"] as? String, !page.contains(Self.roff(help)) {
                    missing.append("help text: \(help)")
                }
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] { visit(sub, isRoot: false) }
        }
        guard let root = dump?["command"] as? [String: Any] else {
            Issue.record("no command in --experimental-dump-help")
            return
        }
        visit(root, isRoot: true)
        #expect(missing.isEmpty, "docs/man/hitl-policy.1 is out of date; run scripts/gen-manual.sh. Missing: \(missing)")
    }

    /// The page has an EXAMPLES section holding every command's help examples, and points a
    /// build from source at the repository's docs as well as at share/doc.
    @Test func manPageHasEveryExample() throws {
        let page = try String(contentsOf: CLI.root.appendingPathComponent("docs/man/hitl-policy.1"), encoding: .utf8)
        guard let section = page.range(of: "\n.Sh EXAMPLES\n") else {
            Issue.record("docs/man/hitl-policy.1 has no EXAMPLES section; run scripts/gen-manual.sh")
            return
        }
        let examples = page[section.upperBound...]
        for command in HelpExamplesCLITests.commands {
            let help = try CLI.run(command + ["--help"]).stdout
            let lines = help.split(separator: "\n").drop { $0 != "EXAMPLES:" }.dropFirst().prefix { $0.hasPrefix("  ") }
            #expect(!lines.isEmpty, "\(command): no examples in the help")
            for line in lines where line.hasPrefix("    ") {
                // In a literal display the generator writes a backslash as `\e`.
                let literal = String(line.dropFirst(4)).replacingOccurrences(of: "\\", with: "\\e")
                #expect(examples.contains("\n" + literal + "\n"),
                        "docs/man/hitl-policy.1 lacks the example `\(line.dropFirst(4))`; run scripts/gen-manual.sh")
            }
        }
        #expect(page.contains("share/doc/hitl-policy") && page.contains("docs/language.md"))
    }

    /// Text as the manual generator writes it (roff escapes backslashes).
    static func roff(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\")
    }
}

/// `hitl-policy schema` (hidden) prints the committed editor schema (docs/editors.md).
@Suite("schema command")
struct SchemaCLITests {
    @Test func printsTheCommittedSchema() throws {
        let r = try CLI.run(["schema"])
        #expect(r.status == 0)
        let committed = try String(contentsOf: CLI.root.appendingPathComponent("schema/hitl-policy.schema.json"), encoding: .utf8)
        #expect(r.stdout == committed, "regenerate: swift run hitl-policy schema > schema/hitl-policy.schema.json")
        #expect(!(try CLI.run(["--help"]).stdout.contains("schema")), "schema is a maintainer command, not in --help")
    }
}
