/// Decodes a test file's positioned YAML tree (the same libyaml Syntax layer as policies)
/// into a `TestFile`, reporting unknown keys (with "did you mean"), wrong types, unknown
/// fixtures, actions with no exact JSON form and oversized matrices, each at its location.
package struct TestFileDecoder {
    let file: String
    var sink = DiagnosticSink()
    var fixtures: [(name: String, pairs: [YAMLPair])] = []

    /// Reads a test file's bytes: the file (when its structure allows one) and the diagnostics.
    package static func decode(_ bytes: [UInt8], file: String) -> (TestFile?, [Diagnostic]) {
        let doc = YAMLParser.parse(bytes, file: file)
        var d = TestFileDecoder(file: file)
        // The Syntax layer's empty-document hint describes a policy; say what a test file holds.
        d.sink.append(contentsOf: doc.diagnostics.map { diag in
            var diag = diag
            if diag.code == .emptyDocument { diag.hint = Self.emptyFileHint }
            return diag
        })
        guard let root = doc.root, !d.sink.hasErrors else { return (nil, d.sink.diagnostics.sorted()) }
        let t = d.decode(root)
        return (t, d.sink.diagnostics.sorted())
    }

    /// What an empty test file is told to start with.
    static let emptyFileHint = "a test file starts with 'policy: FILE' and 'cases:' (see testing.md in the documentation installed with hitl-policy)"

    init(file: String) { self.file = file }

    mutating func decode(_ root: YAMLNode) -> TestFile? {
        guard let pairs = mapping(root, "the test file") else { return nil }
        checkFields(pairs, known: TestFileFields.topLevel, in: "the test file")
        var t = TestFile(path: file, policy: nil, policyLocation: root.location)
        if let p = field(pairs, "policy") {
            t.policyLocation = p.value.location
            if let s = p.value.scalar, case .string(let text) = s.value, !text.isEmpty { t.policy = text }
            else { sink.emit(.wrongType, "'policy' must be a file name, not \(p.value.kindDescription)", at: p.value.location,
                             hint: "write the policy's path relative to this file, e.g. 'policy: payments.yaml'") }
        } else {
            sink.emit(.missingField, "the test file has no 'policy'", at: root.location,
                      hint: "add 'policy: FILE' naming the policy (relative to this file)")
        }
        if let f = field(pairs, "fixtures"), let fp = mapping(f.value, "'fixtures'") {
            for p in fp {
                guard let m = mapping(p.value, "fixture '\(p.key)'") else { continue }
                fixtures.append((p.key, m))
            }
        }
        if let c = field(pairs, "cases") {
            if let items = sequence(c.value, "'cases'") {
                if items.isEmpty { sink.emit(.emptyList, "'cases' is empty", at: c.value.location, hint: "add at least one case") }
                for item in items {
                    decodeCase(item, into: &t.cases)
                    if t.cases.count > TestFileFields.maxCases {
                        sink.emit(.tooManyCases, "the file expands to more than \(TestFileFields.maxCases) cases", at: item.location,
                                  hint: "split the cases over several test files")
                        t.cases.removeAll()
                        break
                    }
                }
            }
        } else {
            sink.emit(.missingField, "the test file has no 'cases'", at: root.location, hint: "add 'cases:' with at least one case")
        }
        return t
    }

    mutating func decodeCase(_ node: YAMLNode, into cases: inout [TestCase]) {
        guard let pairs = mapping(node, "a case") else { return }
        checkFields(pairs, known: TestFileFields.caseKeys, in: "a case")
        var name = "case at line \(node.location.line)"
        if let n = field(pairs, "name") {
            if let s = n.value.scalar, s.value != .null { name = s.text }
            else { sink.emit(.wrongType, "a case's 'name' must be text, not \(n.value.kindDescription)", at: n.value.location) }
        }
        var base: [YAMLPair] = []
        if let u = field(pairs, "use") {
            if let s = u.value.scalar, case .string(let f) = s.value {
                if let fixture = fixtures.first(where: { $0.name.sameBytes(as: f) }) { base = fixture.pairs }
                else {
                    sink.emit(.unknownFixture, "no fixture named '\(f)'", at: u.value.location,
                              hint: fixtures.isEmpty ? "define it under 'fixtures:'" : Suggestion.hint(for: f, in: fixtures.map(\.name)))
                    return
                }
            } else { sink.emit(.wrongType, "'use' must be a fixture name, not \(u.value.kindDescription)", at: u.value.location); return }
        }
        if let a = field(pairs, "action") {
            guard let ap = mapping(a.value, "'action'") else { return }
            base = Self.merged(base, ap)
        } else if base.isEmpty {
            sink.emit(.missingField, "the case has no 'action'", at: node.location, hint: "add 'action: {capability: ...}' or 'use: FIXTURE'")
            return
        }
        guard let e = field(pairs, "expect") else {
            sink.emit(.missingField, "the case has no 'expect'", at: node.location, hint: "add 'expect: {decision: ...}'")
            return
        }
        guard let expect = expectation(e.value) else { return }
        var combos: [[YAMLPair]] = [[]]
        var labels: [String] = [""]
        if let m = field(pairs, "matrix") {
            guard let mp = mapping(m.value, "'matrix'") else { return }
            for p in mp {
                guard let values = sequence(p.value, "matrix entry '\(p.key)'") else { return }
                if values.isEmpty { sink.emit(.emptyList, "matrix entry '\(p.key)' is empty", at: p.value.location); return }
                guard combos.count * values.count <= TestFileFields.maxMatrixCases else {
                    sink.emit(.tooManyCases, "the matrix expands to more than \(TestFileFields.maxMatrixCases) cases", at: m.value.location,
                              hint: "split it into several cases")
                    return
                }
                var next: [[YAMLPair]] = [], nextLabels: [String] = []
                for (c, l) in zip(combos, labels) {
                    for v in values {
                        next.append(c + [YAMLPair(key: p.key, keyLocation: p.keyLocation, value: v)])
                        nextLabels.append(l + (l.isEmpty ? "" : ", ") + "\(p.key)=\(Self.shortText(v))")
                    }
                }
                combos = next
                labels = nextLabels
            }
        }
        for (combo, label) in zip(combos, labels) {
            var json: [UInt8] = []
            guard YAMLJSON.append(.init(content: .mapping(Self.merged(base, combo)), location: node.location, weight: 1),
                                  into: &json, sink: &sink) else { return }
            cases.append(TestCase(name: label.isEmpty ? name : "\(name) [\(label)]", location: node.location, action: json, expect: expect))
        }
    }

    /// `over`'s pairs replace `base`'s with the same key (in place); new keys are appended.
    static func merged(_ base: [YAMLPair], _ over: [YAMLPair]) -> [YAMLPair] {
        var out = base
        for p in over {
            if let k = out.firstIndex(where: { $0.key.sameBytes(as: p.key) }) { out[k] = p } else { out.append(p) }
        }
        return out
    }

    /// A matrix value as a case name shows it.
    static func shortText(_ node: YAMLNode) -> String {
        if let s = node.scalar { return s.style == .plain ? s.text : "\"\(s.text)\"" }
        var b: [UInt8] = []
        var scratch = DiagnosticSink()
        _ = YAMLJSON.append(node, into: &b, sink: &scratch)
        return String(decoding: b, as: UTF8.self)
    }
}

extension TestFileDecoder: MappingDecoder {}
