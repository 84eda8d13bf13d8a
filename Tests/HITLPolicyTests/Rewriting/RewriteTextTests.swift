import Testing
@testable import HITLPolicy

/// The pieces edits are made of: composing edits, lines, and keys that read back as the
/// name they write.
@Suite("Policy rewrite (text pieces)")
struct RewriteTextTests {
    static let original = Array("0123456789".utf8)

    static func edited(_ edits: [TextEdit]) -> String { String(decoding: TextEdit.apply(edits, to: original), as: UTF8.self) }

    @Test func normalizedSortsAndMergesInsertions() {
        let edits = TextEdit.normalized([TextEdit(range: 5..<7, replacement: "x"), .insert("a", at: 5), .insert("b", at: 5), .insert("c", at: 0)])
        #expect(edits == [.insert("c", at: 0), TextEdit(range: 5..<7, replacement: "abx")])
        #expect(TextEdit.normalized([TextEdit(range: 2..<5, replacement: ""), TextEdit(range: 4..<6, replacement: "")]) == nil)
    }

    /// A later edit composed onto earlier ones gives the text of applying both in turn,
    /// wherever it falls (before, between, touching or overlapping the earlier ones).
    @Test func composeMatchesApplyingInTurn() {
        var rng = SplitMix(state: 9)
        for _ in 0..<2_000 {
            var edits: [TextEdit] = []
            var text = Self.original
            for _ in 0..<(1 + rng.below(4)) {
                let a = rng.below(text.count + 1), b = a + rng.below(text.count - a + 1)
                let next = TextEdit(range: a..<b, replacement: String(repeating: "x", count: rng.below(3)))
                text = TextEdit.apply([next], to: text)
                edits = TextEdit.compose(edits, then: next, original: Self.original)
                #expect(TextEdit.apply(edits, to: Self.original) == text)
                #expect(TextEdit.normalized(edits) == edits)
            }
        }
    }

    @Test func lines() {
        let s = SourceText(Array("\u{FEFF}a: 1\r\n  b: 2 # two\r\nc\rd\u{2028}e".utf8))
        #expect(s.newline == "\r\n" && s.bom == 3)
        #expect(s.lineStart(4) == 3 && s.lineEnd(after: 4) == 9)
        #expect(s.indentation(of: 11) == "  " && s.indentation(of: 14) == nil)
        #expect(s.comments(in: 9..<s.bytes.count) == ["# two"])
        let c = s.bytes.firstIndex(of: UInt8(ascii: "c"))!
        #expect(s.lineEnd(after: c) == c && s.lineEnd(after: c + 1) == c + 2 && s.isLineStart(c + 2))
        let d = s.bytes.firstIndex(of: UInt8(ascii: "d"))!
        #expect(s.lineEnd(after: d + 1) == d + 4 && s.endsUnbroken(at: s.bytes.count))
        #expect(SourceText(Array("a\rb".utf8)).newline == "\r" && SourceText(Array("ab".utf8)).newline == "\n")
    }

    /// A key written for any name reads back (as a capability key) as exactly that name.
    @Test(arguments: ["refund", "db.migrate", "true", "null", "1e3", "0x1F", ".inf", "-x", "a: b", "a #b", "#x", "'q'", "\"dq\"",
                      "tab\there", "new\nline", "caf\u{E9}", "cafe\u{301}", "\u{FEFF}bom", "nel\u{85}", "ls\u{2028}", "\u{1F600}", "back\\slash",
                      "  spaced  ", "[x]", "{y}", "&a", "!t", "|", ">", "%", "@g", "`", "~", "x-lint", "\u{7F}del", "\u{0}nul", "é" + String(repeating: "z", count: 300)])
    func keysReadBack(_ name: String) throws {
        let key = try #require(YAMLWriting.key(name))
        let text = "version: 1\nname: k\ncapabilities:\n  \(key): autonomous\n"
        let loaded = PolicyLoader.load(Array(text.utf8), file: "k.yaml")
        let policy = try #require(loaded.policy, "\(key): \(loaded.diagnostics.map(\.message))")
        #expect(policy.capabilities.first?.pattern == .exact(name), "\(key)")
    }

    @Test func aNameTooLongForAKeyIsRefused() {
        #expect(YAMLWriting.key(String(repeating: "n", count: 2_000)) == nil)
    }
}

/// A reason is one line, whatever the name or value it quotes.
@Suite("Policy rewrite (reasons)")
struct RewriteReasonTests {
    @Test func aNameWithLineBreaksIsQuotedOnOneLine() {
        let r = PolicyRewriter.apply([StageChange(capability: "x\ny\u{7}", from: .approval, to: .review)],
                                     toPolicyText: "version: 1\nname: n\n", path: "n.yaml")
        #expect(r.skipped.first?.reason.contains("'x\\ny\\u{7}'") == true, "\(r.skipped)")
    }
}
