import Foundation
import Testing
@testable import HITLPolicy

/// `{shell: [PREFIX, ...]}` attribute conditions (SPEC §11): what decodes, and each
/// mistake as one finding with its place and a fix.
@Suite("Shell conditions: decoding")
struct ShellConditionDecodingTests {
    static let head = "version: 1\nname: demo\ncapabilities:\n  Bash: autonomous\ncompliance:\n  - id: r\n    when:\n      attributes:\n"

    static func policy(_ condition: String) -> String {
        head + "        command: " + condition + "\n    stage: disabled\n"
    }

    @Test func prefixesKeepTheirWordsTextAndPlace() throws {
        let result = PolicyLoader.load(Array(Self.policy(#"{shell: ["git push --force", "'rm' -rf"]}"#).utf8), file: "t.yaml")
        #expect(!result.hasErrors, "\(result.diagnostics.map(\.message))")
        let c = try #require(result.policy?.compliance.first?.when.attributes.first)
        #expect(c.path == "command")
        #expect(c.values.isEmpty)
        let prefixes = try #require(c.shell)
        #expect(prefixes.map(\.words) == [["git", "push", "--force"], ["rm", "-rf"]])
        #expect(prefixes.map(\.text) == ["git push --force", "'rm' -rf"])
        #expect(prefixes[0].location.line == 9)
        #expect(prefixes[1].location.column > prefixes[0].location.column)
    }

    @Test("each mistake is one error, placed, with a fix", arguments: [
        ("{shell: []}", "HP209", "lists no prefixes", "[]"),
        (#"{shell: ["git push", "git  push"]}"#, "HP205", "listed twice", #""git  push""#),
        (#"{shell: ["git push; rm"]}"#, "HP205", "cannot be used: a prefix is one simple command", #""git"#),
        (#"{shell: ["echo $HOME"]}"#, "HP205", "would be expanded", #""echo"#),
        (#"{shell: ["'unbalanced"]}"#, "HP205", "cannot be used", #""'"#),
        (#"{shel: ["git push"]}"#, "HP200", "unknown field 'shel'", "shel"),
        (#"{shell: ["git push"], extra: 1}"#, "HP200", "unknown field 'extra'", "extra"),
        ("{shell: git push}", "HP201", "must be a list of command prefixes", "git push"),
        ("{shell: [3]}", "HP201", "must be a string", "3"),
    ] as [(String, String, String, String)])
    func mistakes(condition: String, code: String, message: String, at marker: String) throws {
        let found = lintText(Self.policy(condition)).filter { $0.severity == .error }
        let d = try #require(found.first, "no error for \(condition)")
        #expect(found.count <= 2, "\(found.map(\.message))")   // an unknown key may also leave 'shell' missing
        #expect(d.code.id == code, "\(d.message)")
        #expect(d.message.contains(message), "\(d.message)")
        #expect(d.location.line == 9)
        let offset = try #require(condition.range(of: marker)).lowerBound.utf16Offset(in: condition)
        #expect(d.location.column == 18 + offset, "\(d.message)")
        #expect(d.hint != nil)
    }

    @Test func duplicateNamesTheFirstCopy() throws {
        let d = try #require(lintText(Self.policy(#"{shell: [git push, '"git" push']}"#)).first { $0.code.id == "HP205" })
        #expect(d.notes.first?.location.column == 27)
    }

    @Test func shellOnlyWhereAttributesAre() {
        let inTags = Self.head.replacingOccurrences(of: "      attributes:\n", with: "      tags: {shell: [git]}\n") + "    stage: disabled\n"
        #expect(codes(inTags).contains("HP200"))
        let inList = Self.policy(#"[{shell: ["git push"]}]"#)
        let d = lintText(inList).first { $0.code.id == "HP201" }
        #expect(d?.hint?.contains("not inside a list") == true)
    }
}
