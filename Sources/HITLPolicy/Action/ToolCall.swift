/// A tool call as agent runtimes send it — `{"tool": NAME, "args": {...}}`, with optional
/// `id` and `time` — turned into the action the policy's `tools:` section makes of it
/// (SPEC §11). The result is an action line for the evaluator, so an action from a tool call is
/// read, checked and decided exactly as one written by hand.
///
/// Values are copied from the arguments as written (their JSON text), so the evaluator's own
/// checks judge them: a confidence that is a string makes the action invalid as it would in an
/// action. What only the mapping can know (an array to count, minor units without an exponent,
/// a currency that is not a string) is reported as the mapping's own errors. A path that is
/// absent leaves the field out: missing data fails closed (SPEC §4).
package enum ToolCall {
    /// What a line is.
    package enum Reading {
        /// Not a tool call (it names a capability, or has no `tool`).
        case notToolCall
        /// A tool call that cannot be mapped at all (`tool` not a non-empty string, `args` not an
        /// object); the action is invalid with these errors.
        case invalid([FieldError])
        /// The action line, and errors that make it invalid whatever else it carries.
        case mapped(action: [UInt8], errors: [FieldError])
    }

    /// Reads `line` (one JSON object, already checked to be one) as a tool call.
    package static func read(_ line: UnsafeBufferPointer<UInt8>, tools: ToolMappings, currency: String?, dropArgs: Bool = false) -> Reading {
        // Most lines are actions: a line without the bytes `"tool"` is settled without parsing
        // it into a tree. (A key spelt with escapes, `"\u0074ool"`, is then no tool call: the
        // line is an action without a capability, invalid — never more permissive.)
        guard contains(line, Self.toolKey) else { return .notToolCall }
        guard let top = try? RawJSON.parse(line), case .object(let members) = top.node else { return .notToolCall }
        if members.contains(where: { top.text($0.key) == "capability" }) { return .notToolCall }
        guard let toolMember = members.first(where: { top.text($0.key) == "tool" }) else { return .notToolCall }
        guard case .scalar(let kind, let toolRange, let toolContent) = toolMember.value, kind == 0x22,
              let tool = toolContent.map({ top.string($0) }), !tool.isEmpty
        else {
            return .invalid([FieldError(field: "tool", message: "must be a non-empty string (the tool's name)")])
        }
        var args: RawJSON.Node = .object([])
        if let a = members.first(where: { top.text($0.key) == "args" })?.value {
            switch a {
            case .object: args = a
            case .scalar(0x6E, _, _): break
            default: return .invalid([FieldError(field: "args", message: "must be an object (the tool's arguments)")])
            }
        }
        var m = Mapper(json: top, args: args, currency: currency)
        m.out.append(0x7B)
        for name in ["id", "time"] {
            if let v = members.first(where: { top.text($0.key) == name })?.value { m.member(name, raw: v) }
        }
        let entry = tools.entry(for: tool)
        m.key("capability")
        m.out.appendJSONString(entry?.capability ?? tool)
        if let entry { m.map(entry) }
        m.key("tool")
        m.out.append(contentsOf: line[toolRange])
        if !dropArgs { m.member("args", raw: args) }
        m.out.append(0x7D)
        return .mapped(action: m.out, errors: m.errors)
    }

    private static let toolKey = Array("\"tool\"".utf8)

    /// Whether `needle` occurs in `haystack`.
    private static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count, let first = needle.first else { return false }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var k = 1
                while k < needle.count, haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// The action line as a log records it: `line` with its top-level `args` member left out
    /// (`--log-args none`); the line itself when it has none.
    package static func droppingArgs(_ line: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        guard let top = try? RawJSON.parse(line), case .object(let members) = top.node,
              members.contains(where: { top.text($0.key) == "args" })
        else { return Array(line) }
        var out: [UInt8] = [0x7B]
        for m in members where top.text(m.key) != "args" {
            if out.count > 1 { out.append(0x2C) }
            out.appendJSONString(bytes: top.content(m.key))
            out.append(0x3A)
            top.write(m.value, into: &out)
        }
        out.append(0x7D)
        return out
    }

    /// Writes the action's members.
    private struct Mapper {
        let json: RawJSON
        let args: RawJSON.Node
        let currency: String?
        var out: [UInt8] = []
        var errors: [FieldError] = []

        init(json: RawJSON, args: RawJSON.Node, currency: String?) {
            self.json = json
            self.args = args
            self.currency = currency
        }

        mutating func key(_ name: String) {
            if out.count > 1 { out.append(0x2C) }
            out.appendJSONString(name)
            out.append(0x3A)
        }

        mutating func member(_ name: String, raw: RawJSON.Node) {
            key(name)
            json.write(raw, into: &out)
        }

        /// The value at `path`; nil when absent or null (a missing field).
        func value(_ path: ArgumentPath) -> RawJSON.Node? {
            var node = args
            for segment in path.segments {
                switch node {
                case .object(let members):
                    guard let next = members.first(where: { json.text($0.key) == segment }) else { return nil }
                    node = next.value
                case .array(let items):
                    guard let k = Int(segment), k >= 0, k < items.count, String(k) == segment else { return nil }
                    node = items[k]
                default: return nil
                }
            }
            if case .scalar(0x6E, _, _) = node { return nil }
            return node
        }

        mutating func map(_ e: ToolEntry) {
            if let a = e.amount { amount(a) }
            if let p = e.confidence, let v = value(p) { member("confidence", raw: v) }
            switch e.blastRadius {
            case .value(let p)?: if let v = value(p) { member("blast_radius", raw: v) }
            case .count(let p)?:
                if let v = value(p) {
                    if case .array(let items) = v {
                        key("blast_radius")
                        out.appendInt(items.count)
                    } else {
                        errors.append(FieldError(field: "blast_radius", message: "args.\(p) must be an array to count, not \(json.typeName(v))"))
                    }
                }
            case nil: break
            }
            switch e.reversible {
            case .constant(let b)?: key("reversible"); out.append(b ? "true" : "false")
            case .path(let p)?: if let v = value(p) { member("reversible", raw: v) }
            case nil: break
            }
            if let p = e.tags, let v = value(p) {
                key("tags")
                if case .scalar(0x22, _, _) = v {
                    out.append(0x5B)
                    json.write(v, into: &out)
                    out.append(0x5D)
                } else {
                    json.write(v, into: &out)
                }
            }
            let found = e.attributes.compactMap { a in value(a.path).map { (a.name.split(separator: ".").map(String.init)[...], $0) } }
            if !found.isEmpty {
                key("attributes")
                nested(found)
            }
        }

        /// Attributes by dotted name, as nested objects (names never nest inside one another).
        private mutating func nested(_ items: [(ArraySlice<String>, RawJSON.Node)]) {
            out.append(0x7B)
            var done: [String] = []
            for (name, _) in items where !done.contains(name.first!) {
                let head = name.first!
                done.append(head)
                if done.count > 1 { out.append(0x2C) }
                out.appendJSONString(head)
                out.append(0x3A)
                let group = items.filter { $0.0.first! == head }
                if group.count == 1, group[0].0.count == 1 {
                    json.write(group[0].1, into: &out)
                } else {
                    nested(group.map { ($0.0.dropFirst(), $0.1) })
                }
            }
            out.append(0x7D)
        }

        private mutating func amount(_ a: ToolAmount) {
            guard let v = value(a.value) else { return }
            var code = currency
            if let p = a.currency {
                // A value without its currency is an amount nobody can compare: missing.
                guard let c = value(p) else { return }
                guard case .scalar(0x22, _, let content?) = c else {
                    errors.append(FieldError(field: "amount", message: "the currency at args.\(p) must be a string, not \(json.typeName(c))"))
                    return
                }
                code = String(decoding: json.string(content).utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
            }
            guard a.minorUnits else {
                if a.currency == nil, case .scalar(let k, _, _) = v, k != 0x22 {
                    member("amount", raw: v)   // a number in the policy currency
                    return
                }
                key("amount")
                out.append(contentsOf: "{\"value\":".utf8)
                json.write(v, into: &out)
                out.append(contentsOf: ",\"currency\":".utf8)
                if let code { out.appendJSONString(code) } else { out.append("null") }
                out.append(0x7D)
                return
            }
            guard let code else {
                errors.append(FieldError(field: "amount", message: "minor units need a currency, and the policy sets none"))
                return
            }
            guard let e = CurrencyCode.minorUnitExponent(code) else {
                errors.append(FieldError(field: "amount", message: "currency \(code.prefix(16)) has no known ISO 4217 minor unit"))
                return
            }
            guard case .scalar(let kind, _, let content) = v, kind != 0x7B, kind != 0x5B, kind != 0x74, kind != 0x66,
                  let text = content.map({ json.string($0) }) ?? json.rawText(v),
                  let n = ExactDecimal(parsing: text), n.isWholeNumber, !text.hasPrefix("-"), !text.hasPrefix("+")
            else {
                errors.append(FieldError(field: "amount", message: "args.\(a.value) must be a whole, non-negative number of minor units of \(code.prefix(16)), not \(json.shown(v))"))
                return
            }
            key("amount")
            out.append(contentsOf: "{\"value\":\"".utf8)
            out.append(contentsOf: Self.minorUnitsText(n, exponent: e).utf8)
            out.append(contentsOf: "\",\"currency\":".utf8)
            out.appendJSONString(code)
            out.append(0x7D)
        }

        /// `n` minor units as a decimal with `exponent` places: 5000 and 2 give `50.00`.
        static func minorUnitsText(_ n: ExactDecimal, exponent e: Int) -> String {
            var digits = n.description
            guard e > 0 else { return digits }
            if digits.count <= e { digits = String(repeating: "0", count: e + 1 - digits.count) + digits }
            let cut = digits.index(digits.endIndex, offsetBy: -e)
            return digits[..<cut] + "." + digits[cut...]
        }
    }
}

/// A JSON value read with the byte ranges of its parts, so values can be copied exactly as
/// written (numbers keep their literal text: `-0` stays `-0`).
struct RawJSON {
    indirect enum Node {
        /// A string, number, boolean or null: its first byte, its text, and for a string the
        /// content between the quotes with whether it has escapes.
        case scalar(UInt8, Range<Int>, (Range<Int>, Bool)?)
        case array([Node])
        case object([(key: (Range<Int>, Bool), value: Node)])
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let node: Node

    /// Parses one JSON value (strictly, as actions are read: no duplicate keys, bounded depth).
    static func parse(_ b: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> RawJSON {
        var s = JSONScanner(b)
        let node = try value(&s, depth: 0)
        s.skipSpace()
        if s.i != b.count { throw s.fail("unexpected text after the value") }
        return RawJSON(bytes: b, node: node)
    }

    private static func value(_ s: inout JSONScanner, depth: Int) throws(JSONSyntaxError) -> Node {
        s.skipSpace()
        let kind = s.valueKind
        switch kind {
        case 0x7B:
            guard depth < JSONScanner.maxDepth else { throw s.fail("nesting deeper than \(JSONScanner.maxDepth)") }
            var members: [(key: (Range<Int>, Bool), value: Node)] = []
            try s.object { (s: inout JSONScanner, k: Range<Int>, e: Bool) throws(JSONSyntaxError) in
                members.append((key: (k, e), value: try value(&s, depth: depth + 1)))
            }
            return .object(members)
        case 0x5B:
            guard depth < JSONScanner.maxDepth else { throw s.fail("nesting deeper than \(JSONScanner.maxDepth)") }
            var items: [Node] = []
            try s.array { (s: inout JSONScanner) throws(JSONSyntaxError) in items.append(try value(&s, depth: depth + 1)) }
            return .array(items)
        case 0x22:
            let start = s.i
            let (r, e) = try s.string()
            return .scalar(kind, start..<s.i, (r, e))
        default:
            let start = s.i
            try s.skipValue(depth: depth)
            return .scalar(kind, start..<s.i, nil)
        }
    }

    /// A string's unescaped bytes.
    func content(_ part: (Range<Int>, Bool)) -> [UInt8] {
        let s = JSONScanner(bytes)
        return s.content(part.0, escaped: part.1)
    }

    /// A string's text.
    func string(_ part: (Range<Int>, Bool)) -> String { String(decoding: content(part), as: UTF8.self) }

    /// A key's text (for comparing with member names).
    func text(_ key: (Range<Int>, Bool)) -> String { string(key) }

    /// A scalar's literal text (numbers); nil for other values.
    func rawText(_ node: Node) -> String? {
        guard case .scalar(_, let r, nil) = node else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self)
    }

    /// The value as messages show it (its text, shortened).
    func shown(_ node: Node) -> String {
        var out: [UInt8] = []
        write(node, into: &out)
        return String(decoding: out.prefix(64), as: UTF8.self)
    }

    /// How messages name the value's type.
    func typeName(_ node: Node) -> String {
        switch node {
        case .object: JSONScanner.typeName(0x7B)
        case .array: JSONScanner.typeName(0x5B)
        case .scalar(let k, _, _): JSONScanner.typeName(k)
        }
    }

    /// Writes the value as written (compact: objects and arrays without their spacing).
    func write(_ node: Node, into out: inout [UInt8]) {
        switch node {
        case .scalar(_, let r, _): out.append(contentsOf: bytes[r])
        case .array(let items):
            out.append(0x5B)
            for (k, item) in items.enumerated() {
                if k > 0 { out.append(0x2C) }
                write(item, into: &out)
            }
            out.append(0x5D)
        case .object(let members):
            out.append(0x7B)
            for (k, m) in members.enumerated() {
                if k > 0 { out.append(0x2C) }
                out.append(contentsOf: bytes[(m.key.0.lowerBound - 1)..<(m.key.0.upperBound + 1)])
                out.append(0x3A)
                write(m.value, into: &out)
            }
            out.append(0x7D)
        }
    }
}
