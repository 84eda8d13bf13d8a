import Testing
@testable import HITLPolicy

/// YAML action → the JSON `eval` reads: numbers keep their written text, quoted values stay
/// strings, nested mappings stay nested.
@Suite("YAML to JSON actions")
struct YAMLJSONTests {
    static func json(_ yaml: String) -> (String?, [Diagnostic]) {
        let doc = YAMLParser.parse(Array(yaml.utf8), file: "a.yaml")
        guard let root = doc.root else { return (nil, doc.diagnostics) }
        var out: [UInt8] = []
        var sink = DiagnosticSink()
        let ok = YAMLJSON.append(root, into: &out, sink: &sink)
        return (ok ? String(decoding: out, as: UTF8.self) : nil, sink.diagnostics)
    }

    @Test("numbers keep their text exactly; quoted numbers stay strings", arguments: [
        ("{amount: 5000.00}", #"{"amount":5000.00}"#),
        ("{amount: \"5000.00\"}", #"{"amount":"5000.00"}"#),
        ("{amount: '5000'}", #"{"amount":"5000"}"#),
        ("{amount: 5e3}", #"{"amount":5e3}"#),
        ("{amount: 0.1000000000000000000000000001}", #"{"amount":0.1000000000000000000000000001}"#),
        ("{amount: 123456789012345678901234567890}", #"{"amount":123456789012345678901234567890}"#),
        ("{amount: -0}", #"{"amount":-0}"#),
        ("{a: null, b: ~, c: true, d: false, e: yes}", #"{"a":null,"b":null,"c":true,"d":false,"e":"yes"}"#),
        ("{amount: {value: \"6200.00\", currency: EUR}}", #"{"amount":{"value":"6200.00","currency":"EUR"}}"#),
        ("{attributes: {drug: {class: opioid}, \"x.y\": [1, \"1\"]}}", #"{"attributes":{"drug":{"class":"opioid"},"x.y":[1,"1"]}}"#),
        ("{note: \"quote \\\" and \\\\ and \\n\"}", #"{"note":"quote \" and \\ and \n"}"#),
    ])
    func converts(yaml: String, expected: String) {
        let (j, ds) = Self.json(yaml)
        #expect(ds.isEmpty)
        #expect(j == expected)
    }

    @Test("a number with no JSON form is HP703 at its place", arguments: ["0x1F", "0o7", ".inf", "-.inf", ".nan", "+1", ".5"])
    func noJSONForm(value: String) {
        // `+1` and `.5` are numbers to YAML's core schema, but JSON has no such spelling.
        let (j, ds) = Self.json("{capability: a, amount: \(value)}")
        #expect(j == nil)
        #expect(ds.map(\.code.id) == ["HP703"])
        #expect(ds.first?.location.column == 25)
    }

    @Test("the JSON number grammar", arguments: [
        ("0", true), ("-0", true), ("10", true), ("1.5", true), ("1e3", true), ("1E+3", true), ("1.0e-3", true),
        ("01", false), ("1.", false), (".5", false), ("1e", false), ("+1", false), ("-", false), ("", false), ("0x10", false), ("1_000", false),
    ])
    func grammar(text: String, isNumber: Bool) {
        #expect(JSONScanner.isNumber(text) == isNumber)
    }
}
