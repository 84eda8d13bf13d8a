/// One line of a log `simulate` reads, as it reads it: an action (or tool call) with its
/// optional `time`, a §12 decision record (its `action` re-decided, its `time` used when the
/// action has none), or a review record (skipped).
enum LogLine {
    /// Something to decide: the action's bytes, its time, and the time's error when `time`
    /// is present but not an RFC 3339 timestamp.
    case action([UInt8], time: Timestamp?, badTime: String?)
    /// A review record of a decision log: not an action.
    case review

    /// Reads a line (without its byte order mark). A line that is no JSON object is handed
    /// on whole, for the evaluator to call invalid.
    static func read(_ line: [UInt8]) -> LogLine {
        line.withUnsafeBufferPointer { b -> LogLine in
            guard let top = try? RawJSON.parse(b), case .object(let members) = top.node else {
                return .action(line, time: nil, badTime: nil)
            }
            func member(_ name: String, in ms: [(key: (Range<Int>, Bool), value: RawJSON.Node)]) -> RawJSON.Node? {
                ms.first { top.text($0.key) == name }?.value
            }
            if member("review", in: members) != nil, member("capability", in: members) == nil, member("tool", in: members) == nil {
                return .review
            }
            if member("decision", in: members) != nil, let action = member("action", in: members), case .object(let inner) = action {
                var bytes: [UInt8] = []
                top.write(action, into: &bytes)
                let own = member("time", in: inner)
                let (t, bad) = time(own ?? member("time", in: members), top)
                return .action(bytes, time: t, badTime: bad)
            }
            let (t, bad) = time(member("time", in: members), top)
            return .action(line, time: t, badTime: bad)
        }
    }

    /// A `time` member's timestamp; absent or null is no time, anything else that is not an
    /// RFC 3339 timestamp an error.
    private static func time(_ node: RawJSON.Node?, _ top: RawJSON) -> (Timestamp?, String?) {
        guard let node else { return (nil, nil) }
        if case .scalar(0x6E, _, _) = node { return (nil, nil) }
        guard case .scalar(0x22, _, let content?) = node else {
            return (nil, "time must be an RFC 3339 timestamp string, not \(top.typeName(node))")
        }
        let text = top.content(content)
        guard let t = Timestamp(text) else {
            return (nil, "time \(top.shown(node)) is not an RFC 3339 timestamp (write e.g. 2026-11-20T14:03:07Z)")
        }
        return (t, nil)
    }

    /// The action's amount as (currency, value): a bare number is in `policyCurrency`. Nil
    /// when there is none or it cannot be read (the decision says why, if it matters).
    static func amount(of action: [UInt8], policyCurrency: String?, tools: ToolMappings) -> (String, ExactDecimal)? {
        action.withUnsafeBufferPointer { b -> (String, ExactDecimal)? in
            if case .mapped(let mapped, _) = ToolCall.read(b, tools: tools, currency: policyCurrency) {
                return amount(of: mapped, policyCurrency: policyCurrency, tools: .none)
            }
            guard let top = try? RawJSON.parse(b), case .object(let members) = top.node,
                  let a = members.first(where: { top.text($0.key) == "amount" })?.value else { return nil }
            func decimal(_ n: RawJSON.Node) -> ExactDecimal? {
                switch n {
                case .scalar(0x22, _, let c?): ExactDecimal(utf8: top.content(c)[...])
                case .scalar(let k, _, _) where k != 0x6E && k != 0x74 && k != 0x66: top.rawText(n).flatMap { ExactDecimal(parsing: $0) }
                default: nil
                }
            }
            switch a {
            case .object(let ms):
                guard let v = ms.first(where: { top.text($0.key) == "value" })?.value, let value = decimal(v),
                      case .scalar(0x22, _, let c?)? = ms.first(where: { top.text($0.key) == "currency" })?.value else { return nil }
                return (top.string(c), value)
            case .scalar(0x22, _, _): return nil
            default:
                guard let value = decimal(a) else { return nil }
                return (policyCurrency ?? "", value)
            }
        }
    }
}
