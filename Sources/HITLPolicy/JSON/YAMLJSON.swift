/// Renders a YAML node as the JSON the evaluator reads, exactly: numbers keep their written
/// text (`5000` and `"5000.00"` stay what they are), strings stay strings, `null` is null.
/// A value with no exact JSON form (a hex or octal integer, `.inf`, `.nan`) is a diagnostic.
enum YAMLJSON {
    /// Appends `node` as JSON; false (with a diagnostic) when it has no exact JSON form.
    static func append(_ node: YAMLNode, into out: inout [UInt8], sink: inout DiagnosticSink) -> Bool {
        switch node.content {
        case .mapping(let pairs):
            out.append(0x7B)
            for (k, p) in pairs.enumerated() {
                if k > 0 { out.append(0x2C) }
                out.appendJSONString(p.key)
                out.append(0x3A)
                guard append(p.value, into: &out, sink: &sink) else { return false }
            }
            out.append(0x7D)
        case .sequence(let items):
            out.append(0x5B)
            for (k, item) in items.enumerated() {
                if k > 0 { out.append(0x2C) }
                guard append(item, into: &out, sink: &sink) else { return false }
            }
            out.append(0x5D)
        case .scalar(let s):
            switch s.value {
            case .null: out.append(contentsOf: "null".utf8)
            case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
            case .string(let t): out.appendJSONString(t)
            case .int(let t), .float(let t):
                guard JSONScanner.isNumber(t) else {
                    sink.emit(.invalidTestAction, "the number \(t) has no exact JSON form", at: node.location,
                              hint: "write it as a decimal (e.g. 16, 0.5, 5e3), or quote it to send a string")
                    return false
                }
                out.append(contentsOf: t.utf8)
            }
        }
        return true
    }
}
