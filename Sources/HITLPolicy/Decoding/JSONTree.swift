/// A JSON value to write, with members in the order given (so output is deterministic).
indirect enum JSONTree {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case array([JSONTree])
    case object([(String, JSONTree)])
    /// Already-serialised JSON (e.g. a witness action), copied as is.
    case raw(String)

    /// Two-space indented text with a final newline.
    func pretty() -> String {
        var out: [UInt8] = []
        write(into: &out, indent: 0)
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    private func write(into out: inout [UInt8], indent: Int) {
        func newline(_ level: Int) {
            out.append(0x0A)
            out.append(contentsOf: [UInt8](repeating: 0x20, count: 2 * level))
        }
        switch self {
        case .string(let s): out.appendJSONString(s)
        case .number(let n): out.append(n)
        case .bool(let b): out.append(b ? "true" : "false")
        case .null: out.append("null")
        case .raw(let r): out.append(r)
        case .array(let items):
            if items.isEmpty { out.append("[]"); return }
            out.append(0x5B)
            for (k, v) in items.enumerated() {
                if k > 0 { out.append(0x2C) }
                newline(indent + 1)
                v.write(into: &out, indent: indent + 1)
            }
            newline(indent)
            out.append(0x5D)
        case .object(let members):
            if members.isEmpty { out.append("{}"); return }
            out.append(0x7B)
            for (k, (key, v)) in members.enumerated() {
                if k > 0 { out.append(0x2C) }
                newline(indent + 1)
                out.appendJSONString(key)
                out.append(": ")
                v.write(into: &out, indent: indent + 1)
            }
            newline(indent)
            out.append(0x7D)
        }
    }
}
