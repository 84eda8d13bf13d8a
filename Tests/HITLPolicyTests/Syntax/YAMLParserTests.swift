import Testing
@testable import HITLPolicy

@Suite("YAML syntax layer")
struct YAMLParserTests {
    func parse(_ s: String) -> YAMLDocument { YAMLParser.parse(Array(s.utf8), file: "t.yaml") }

    func scalarValue(_ text: String) -> ScalarValue? {
        parse("k: \(text)\n").root?.pairs?.first?.value.scalar?.value
    }

    @Test("core schema typing of plain scalars", arguments: [
        ("true", ScalarValue.bool(true)), ("False", .bool(false)), ("yes", .string("yes")), ("no", .string("no")),
        ("on", .string("on")), ("off", .string("off")), ("~", .null), ("null", .null), ("12", .int("12")),
        ("-3", .int("-3")), ("0x10", .int("0x10")), ("0o17", .int("0o17")), ("1.5", .float("1.5")),
        ("1e999", .float("1e999")), (".inf", .float(".inf")), (".nan", .float(".nan")), ("1.2.3", .string("1.2.3")),
        ("'true'", .string("true")), ("\"12\"", .string("12")), ("!!str 12", .string("12")),
    ])
    func coreSchema(text: String, expected: ScalarValue) {
        #expect(scalarValue(text) == expected)
    }

    @Test func keysAndValuesCarryLineAndColumn() throws {
        let doc = parse("a: 1\nb:\n  c: [x, y]\n")
        let pairs = try #require(doc.root?.pairs)
        #expect(pairs[1].keyLocation == SourceLocation(file: "t.yaml", line: 2, column: 1))
        let inner = try #require(pairs[1].value.pairs?.first)
        #expect(inner.keyLocation == SourceLocation(file: "t.yaml", line: 3, column: 3))
        let items = try #require(inner.value.items)
        #expect(items[1].location == SourceLocation(file: "t.yaml", line: 3, column: 10))
    }

    /// Mappings past a dozen keys look duplicates up by hash instead of a scan: both paths
    /// find them, by bytes (also where a mapping crosses from one to the other).
    @Test(arguments: [3, 10, 11, 12, 13, 40])
    func duplicateKeysInSmallAndLargeMappings(_ keys: Int) throws {
        var text = (0..<keys).map { "k\($0): \($0)\n" }.joined()
        text += "\"caf\\u00e9\": a\n\"cafe\\u0301\": b\nk1: again\n\"caf\\u00e9\": again\n"
        let doc = parse(text)
        #expect(doc.diagnostics.map(\.code) == [.duplicateKey, .duplicateKey])
        #expect(doc.diagnostics.map(\.notes.first?.location.line) == [2, keys + 1])
        #expect(doc.root?.pairs?.count == keys + 2)
    }

    @Test func duplicateKeyNamesBothPlaces() throws {
        let doc = parse("a: 1\nb: 2\na: 3\n")
        let d = try #require(doc.diagnostics.first)
        #expect(d.code == .duplicateKey)
        #expect(d.location.line == 3)
        #expect(d.notes.first?.location.line == 1)
        #expect(doc.root?.pairs?.count == 2)
    }

    @Test func crlfAndBOMAreHandled() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: 1\r\nb: two\r\n".utf8)
        let doc = YAMLParser.parse(bytes, file: "t.yaml")
        #expect(doc.diagnostics.isEmpty)
        let pairs = try #require(doc.root?.pairs)
        #expect(pairs.map(\.key) == ["a", "b"])
        #expect(pairs[1].value.scalar?.text == "two")
        #expect(pairs[1].keyLocation.line == 2)
    }

    @Test func aliasesExpandWithinBudget() throws {
        let doc = parse("a: &x [1, 2]\nb: *x\n")
        #expect(doc.diagnostics.isEmpty)
        #expect(doc.root?.pairs?[1].value.items?.count == 2)
    }

    @Test func aliasBombStopsAtTheBudget() {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for i in 1...12 { lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]") }
        let doc = parse(lines.joined(separator: "\n"))
        #expect(doc.diagnostics.map(\.code) == [.aliasBudget])
        #expect(doc.root == nil)
    }

    @Test func undefinedAliasIsAnError() {
        #expect(parse("a: *nope\n").diagnostics.map(\.code) == [.yamlSyntax])
    }

    @Test func secondDocumentIsAnError() {
        #expect(parse("a: 1\n---\nb: 2\n").diagnostics.map(\.code) == [.multipleDocuments])
    }

    @Test func emptyAndCommentOnlyFiles() {
        #expect(parse("").diagnostics.map(\.code) == [.emptyDocument])
        #expect(parse("# only\n\n").diagnostics.map(\.code) == [.emptyDocument])
    }

    @Test func tabIndentationGetsAHint() throws {
        let d = try #require(parse("a:\n\tb: 1\n").diagnostics.first)
        #expect(d.code == .yamlSyntax)
        #expect(d.hint?.contains("tabs") == true)
    }

    @Test func complexKeysAreRejected() {
        #expect(parse("? [a, b]\n: 1\n").diagnostics.map(\.code) == [.nonScalarKey])
    }

    @Test func unknownTagsAreRejected() {
        #expect(parse("a: !custom x\n").diagnostics.map(\.code) == [.unsupportedTag])
        #expect(parse("a: !!int yes\n").diagnostics.map(\.code) == [.unsupportedTag])
    }
}

/// libyaml notices an unfinished construct where it gives up, often lines later; the error
/// points at where the construct was opened.
@Suite("YAML syntax errors point where the construct opened")
struct YAMLOpenedConstructTests {
    @Test("unclosed '[', '{', quote and a key without ':'", arguments: [
        ("a: 1\nb: [x, y\nc: 2\nd: 3\n", 2, 4, "the '[' opened here is never closed"),
        ("a: 1\nb: {x: 1\nc: 2\n", 2, 4, "the '{' opened here is never closed"),
        ("a: 1\nb: \"abc\nc: 2\n", 2, 4, "the quote opened here is never closed"),
        ("a: 1\nb\nc: 2\n", 2, 1, "this line is not 'key: value'"),
    ])
    func opened(_ text: String, _ line: Int, _ column: Int, _ summary: String) throws {
        let d = try #require(YAMLParser.parse(Array(text.utf8), file: "t.yaml").diagnostics.first)
        #expect(d.code == .yamlSyntax)
        #expect(d.location == SourceLocation(file: "t.yaml", line: line, column: column), "\(d.message)")
        #expect(d.message.contains(summary), "\(d.message)")
        #expect(d.notes.first?.message == "the parser gave up here")
        #expect((d.notes.first?.location.line ?? 0) > line)
    }

    /// Errors found where they are keep their place (no opening construct to point at).
    @Test func otherErrorsKeepTheirPlace() throws {
        let d = try #require(YAMLParser.parse(Array("a: 1\n  b: 2\n".utf8), file: "t.yaml").diagnostics.first)
        #expect(d.location.line == 2)
        #expect(d.notes.isEmpty)
    }
}
