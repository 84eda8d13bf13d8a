import Testing
@testable import HITLPolicy

/// The byte ranges the rewriter edits by: every node's bytes are exactly what was written,
/// in any encoding of lines and characters the reader accepts.
@Suite("YAML span tree")
struct YAMLSpanTreeTests {
    static func text(_ bytes: [UInt8], _ node: YAMLSpanTree.Node) -> String {
        String(decoding: bytes[node.start..<node.end], as: UTF8.self)
    }

    /// Every scalar's range holds its source text, whatever comes before it.
    @Test(arguments: ["", "\u{FEFF}"], ["\n", "\r\n", "\r"])
    func scalarsCoverTheirSource(bom: String, newline: String) throws {
        let source = bom + ["a: h\u{E9}llo", "\u{1F600}: 'x''y'", "c:", "  d: \"\u{E9}\\n\"  # c\u{E9}", "  e: [1, \u{2603}]", "f: plain"].joined(separator: newline) + newline
        let bytes = Array(source.utf8)
        let tree = YAMLSpanTree.read(bytes)
        #expect(tree.problem == nil)
        let scalars = tree.nodes.filter { $0.kind == .scalar }.map { Self.text(bytes, $0) }
        #expect(scalars == ["a", "h\u{E9}llo", "\u{1F600}", "'x''y'", "c", "d", "\"\u{E9}\\n\"", "e", "1", "\u{2603}", "f", "plain"])
        let root = try #require(tree.root)
        // A block mapping ends with its last value, not at the next token.
        let c = try #require(tree.pair(root, "c"))
        #expect(Self.text(bytes, tree.nodes[c.value]).hasSuffix("[1, \u{2603}]"))
        #expect(tree.nodes[c.value].flow == false)
        let e = try #require(tree.pair(c.value, "e"))
        #expect(Self.text(bytes, tree.nodes[e.value]) == "[1, \u{2603}]" && tree.nodes[e.value].flow)
        #expect(tree.pair(root, "\u{1F600}").map { tree.nodes[$0.value].text } == "x'y")
    }

    @Test func anchorsAndAliases() throws {
        let bytes = Array("a: &x {b: 1}\nc: *x\nd: &y 2\ne: &x 3\nf: *x\n".utf8)
        let tree = YAMLSpanTree.read(bytes)
        let root = try #require(tree.root)
        let a = try #require(tree.pair(root, "a")), d = try #require(tree.pair(root, "d")), e = try #require(tree.pair(root, "e"))
        #expect(tree.nodes[a.value].aliased && tree.nodes[a.value].anchor == "x")
        #expect(!tree.nodes[d.value].aliased)
        #expect(tree.nodes[e.value].aliased)                     // the later &x is the one *x after it names
        let f = try #require(tree.pair(root, "f"))
        #expect(tree.nodes[f.value].kind == .alias && tree.nodes[f.value].target == e.value)
        #expect(Self.text(bytes, tree.nodes[a.value]) == "&x {b: 1}")
        #expect(tree.lineage(tree.nodes[a.value].children[1]) == [tree.nodes[a.value].children[1], a.value, root])
    }

    @Test(arguments: ["a: [", "a: *nothing\n", "\t- x\n", "a: b: c\n"])
    func malformedTextGivesAProblem(_ text: String) {
        let tree = YAMLSpanTree.read(Array(text.utf8))
        #expect(tree.problem != nil)
    }

    @Test func deepNestingStops() {
        let tree = YAMLSpanTree.read(Array(("a: " + String(repeating: "[", count: 10_000)).utf8))
        #expect(tree.problem != nil)
    }
}
