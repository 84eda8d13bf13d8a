import Foundation
import Testing
@testable import HITLPolicy

/// The shell splitter behind `{shell: [...]}` conditions (Syntax/ShellCommandLine.swift): a
/// corpus of tricky command lines with the commands each must yield, how prefixes match, its
/// bounds, and a differential test against bash itself — every command bash runs for a
/// generated line must be found.
@Suite("Shell command lines")
struct ShellCommandLineTests {
    struct Entry: Decodable {
        var line: String
        var commands: [String]?
        var uncertain: String?
    }

    /// The words of each command as the corpus writes them: open words in `<…>`.
    static func rendered(_ line: ShellCommandLine) -> [String] {
        line.commands.map { $0.map(\.description).joined(separator: " ") }
    }

    @Test func corpus() throws {
        let text = try String(contentsOf: Repo.url("fixtures/shell/corpus.jsonl"), encoding: .utf8)
        let entries = try text.split(separator: "\n").map { try JSONDecoder().decode(Entry.self, from: Data($0.utf8)) }
        #expect(entries.count >= 60)
        for e in entries {
            let split = ShellCommandLine(e.line)
            if let why = e.uncertain {
                #expect(split.uncertainty == why, "\(e.line.debugDescription): \(Self.rendered(split))")
                #expect(split.begins(with: ["anything"]), "an uncertain line matches every prefix")
            } else {
                #expect(split.uncertainty == nil, "\(e.line.debugDescription): \(split.uncertainty ?? "")")
                #expect(Self.rendered(split) == e.commands ?? [], "\(e.line.debugDescription)")
            }
        }
    }

    @Test func prefixesMatchWordByWord() {
        let line = ShellCommandLine("cd repo && \"git\" push --force origin main")
        #expect(line.begins(with: ["git", "push"]))
        #expect(line.begins(with: ["git", "push", "--force"]))
        #expect(line.begins(with: ["cd"]))
        #expect(!line.begins(with: ["git", "pull"]))
        #expect(!line.begins(with: ["gi"]), "whole words, not characters")
        #expect(!line.begins(with: ["git", "push", "--force", "origin", "main", "extra"]))
        // An open word may become any words: a prefix matches once the words before it agree.
        #expect(ShellCommandLine("git $SUBCOMMAND").begins(with: ["git", "push", "--force"]))
        #expect(!ShellCommandLine("git status $X").begins(with: ["git", "push"]))
        #expect(ShellCommandLine("rm -r*").begins(with: ["rm", "-rf"]))
        // A command named by a path matches by its last component too.
        #expect(ShellCommandLine("/usr/bin/git push").begins(with: ["git", "push"]))
        #expect(!ShellCommandLine("/usr/bin/git push").begins(with: ["/bin/git"]))
        // Uncertain lines match everything; an empty line nothing.
        #expect(ShellCommandLine("eval $X").begins(with: ["ls"]))
        #expect(!ShellCommandLine("").begins(with: ["ls"]))
        #expect(!ShellCommandLine("# rm -rf /").begins(with: ["rm"]))
    }

    @Test func policyPrefixes() throws {
        #expect(try ShellCommandLine.prefixWords("git push --force").get() == ["git", "push", "--force"])
        #expect(try ShellCommandLine.prefixWords("\"rm\" '-rf'").get() == ["rm", "-rf"])
        #expect(try ShellCommandLine.prefixWords("sudo").get() == ["sudo"])
        #expect(try ShellCommandLine.prefixWords("sudo rm").get() == ["sudo", "rm"], "a wrapper in a prefix is taken as written")
        #expect(try ShellCommandLine.prefixWords("FOO=1 make").get() == ["FOO=1", "make"])
        for bad in ["", "   ", "a; b", "a && b", "a | b", "echo $(x)", "git $X", "rm *", "echo 'open", "ls > out", "eval x"] {
            let r = ShellCommandLine.prefixWords(bad)
            if case .success(let words) = r, bad == "eval x" {
                #expect(words == ["eval", "x"])
                continue
            }
            #expect(throws: ShellCommandLine.PrefixError.self, "\(bad.debugDescription)") { try r.get() }
        }
    }

    /// Deep nesting and long lines end in bounded time and stack: nesting past the limit is
    /// uncertain, and a wrapper's many candidate commands share its words.
    @Test func bounds() {
        for opener in ["$(", "(", "<("] {
            let deep = String(repeating: opener, count: 50_000) + "rm x"
            #expect(ShellCommandLine(deep).uncertainty != nil, "\(opener)")
        }
        // Quoting grows with each level of `sh -c` (4^n), so a few levels show the nesting works;
        // the depth bound is the one `$(` reaches above.
        let nestedShells = (0..<5).reduce("rm -rf /") { inner, _ in "sh -c \(Self.singleQuoted(inner))" }
        #expect(ShellCommandLine(nestedShells).begins(with: ["rm", "-rf"]))
        #expect(ShellCommandLine(nestedShells).uncertainty == nil)
        let wrappers = ShellCommandLine(String(repeating: "sudo ", count: 50_000) + "rm -rf /")
        #expect(wrappers.uncertainty == nil)
        #expect(wrappers.begins(with: ["rm", "-rf"]))
        #expect(wrappers.commandSlices.count == 50_002, "the line, each later sudo, rm -rf / and /")
        let long = ShellCommandLine(String(repeating: "a; ", count: 50_000))
        #expect(long.commandSlices.count == 50_000)
        // Shapes that recurse or rescan in a naive splitter: each is linear here.
        #expect(ShellCommandLine(String(repeating: "} ", count: 50_000) + "rm x").begins(with: ["rm"]))
        #expect(ShellCommandLine(String(repeating: "function ", count: 50_000)).uncertainty == nil)
        #expect(ShellCommandLine(String(repeating: "find . -exec ", count: 50_000) + "rm x").uncertainty != nil)
        #expect(ShellCommandLine("sudo " + String(repeating: "find ", count: 50_000) + "-exec rm {} +").begins(with: ["rm", "-rf"]))
        #expect(ShellCommandLine(String(repeating: "busybox ", count: 50_000) + "rm x").begins(with: ["rm"]))
    }

    /// Found by the hook fuzz harness: a '\' ending the line inside an unclosed double quote
    /// spun forever (`eval`, `hook` and the gateway hung on such a Bash command). It is an
    /// unclosed quote: uncertain, so the policy's stricter reading applies.
    @Test func aBackslashEndingAnUnclosedDoubleQuote() {
        for line in [#"echo "a\"#, "\"\\", #"git push "$x\"#, #"rm -r "\\\"#] {
            let parsed = ShellCommandLine(line)
            #expect(parsed.uncertainty?.contains("unclosed double quote") == true, "\(line): \(parsed.uncertainty ?? "certain")")
        }
    }

    static func singleQuoted(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    // MARK: Against bash

    /// Generated command lines run by bash with every command a stub that logs its argv and
    /// exits 0 (then 1, so both sides of `&&` and `||` run): each logged argv must be a
    /// prefix the splitter finds. Finding more is allowed (it only makes rules stricter);
    /// missing one would let a command through unseen.
    @Test func findsEveryCommandBashRuns() throws {
        guard FileManager.default.isExecutableFile(atPath: "/bin/bash") else {
            Issue.record("missing test prerequisite: this test needs /bin/bash")
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-shell-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bin = dir.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let log = "rec=$(printf '%s\\037' \"${0##*/}\" \"$@\"); printf '%s\\036' \"$rec\" >> \"$STUB_LOG\""
        func stub(_ name: String, _ body: String) throws {
            let url = bin.appendingPathComponent(name)
            try Data("#!/bin/sh\n\(log)\n\(body)\n".utf8).write(to: url)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        }
        for name in Self.names { try stub(name, "exit $STUB_STATUS") }
        try stub("sudo", "exec \"$@\"")
        try stub("nohup", "exec \"$@\"")
        try stub("timeout", "shift; exec \"$@\"")
        try stub("env", "exec /usr/bin/env \"$@\"")
        try stub("bash", "exec /bin/bash \"$@\"")
        try stub("xargs", "exec \"$@\" from-input")

        var rng = SplitMix(state: 0x5EED_5E11)
        var lines: [String] = []
        for _ in 0..<150 { lines.append(Self.list(&rng, depth: 0)) }
        var runs = 0
        for (n, line) in lines.enumerated() {
            let split = ShellCommandLine(line)
            for status in ["0", "1"] {
                let logFile = dir.appendingPathComponent("log-\(n)-\(status)")
                FileManager.default.createFile(atPath: logFile.path, contents: nil)
                let p = Process()
                p.executableURL = URL(fileURLWithPath: "/bin/bash")
                p.arguments = ["-c", line + "\nwait"]
                p.environment = ["PATH": bin.path, "STUB_LOG": logFile.path, "STUB_STATUS": status]
                p.currentDirectoryURL = dir
                p.standardInput = FileHandle.nullDevice
                p.standardOutput = FileHandle.nullDevice
                p.standardError = FileHandle.nullDevice
                try p.run()
                p.waitUntilExit()
                let text = try String(contentsOf: logFile, encoding: .utf8)
                for record in text.split(separator: "\u{1E}") {
                    var argv = record.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
                    if argv.last == "" { argv.removeLast() }
                    runs += 1
                    #expect(split.begins(with: argv), "bash ran \(argv) for \(line.debugDescription); found \(Self.rendered(split)) \(split.uncertainty ?? "")")
                }
            }
        }
        #expect(runs > 300, "the stubs ran: \(runs) commands logged")
    }

    static let names = ["a", "b", "c", "git", "rm", "make", "cat"]
    static let args = ["x", "-f", "--force", "push", "'q r'", "\"d e\"", "a\\ b", "\"$(echo s)\"", "'&&'", "\";\"", "#c", "-rf"]

    static func simple(_ rng: inout SplitMix) -> String {
        var words = [names[rng.below(names.count)]]
        for _ in 0..<rng.below(4) { words.append(args[rng.below(args.count)]) }
        let command = words.joined(separator: " ")
        switch rng.below(10) {
        case 0: return "sudo " + command
        case 1: return "env A=1 " + command
        case 2: return "nohup " + command
        case 3: return "timeout 5 " + command
        case 4: return "X=1 " + command
        case 7: return "xargs " + command
        case 5: return command + " 2>&1"
        case 6: return command + " > /dev/null"
        default: return command
        }
    }

    static func list(_ rng: inout SplitMix, depth: Int) -> String {
        var out = item(&rng, depth: depth)
        for _ in 0..<rng.below(3) {
            out += [" ; ", " && ", " || ", " | ", "\n", " & ", "|"][rng.below(7)] + item(&rng, depth: depth)
        }
        return out
    }

    static func item(_ rng: inout SplitMix, depth: Int) -> String {
        guard depth < 3 else { return simple(&rng) }
        switch rng.below(12) {
        case 0: return "(" + list(&rng, depth: depth + 1) + ")"
        case 1: return "{ " + list(&rng, depth: depth + 1) + "; }"
        case 2: return "if " + simple(&rng) + "; then " + list(&rng, depth: depth + 1) + "; else " + simple(&rng) + "; fi"
        case 3: return "for v in x y; do " + list(&rng, depth: depth + 1) + "; done"
        case 4: return "echo $(" + list(&rng, depth: depth + 1) + ")"
        case 5: return "echo `" + simple(&rng) + "`"
        case 6: return "bash -c " + singleQuoted(list(&rng, depth: depth + 1))
        case 7: return "y=$(" + simple(&rng) + ")"
        case 8: return "cat <(" + simple(&rng) + ")"
        case 9: return "f() { " + simple(&rng) + "; }; f"
        default: return simple(&rng)
        }
    }
}
