/// The members of a log line that are not action fields, as `simulate` reads them in the
/// same scan as the action (`Evaluator.read(line:members:)`): the line's `time`, and what tells a
/// §12 decision record (`decision` with an `action` object) or a review record (`review`
/// without `capability` or `tool`) from an action.
package struct LogMembers {
    /// The `time` member's value: its kind (first byte: `"` for a string, `n` for null, …)
    /// and, for a string, its content (nil when absent).
    package var timeKind: UInt8 = 0
    package var time: Range<Int>?
    /// The time string has escapes (it is then read the slow way).
    package var timeEscaped = false
    /// The `action` member when it is an object (its bytes, braces included).
    package var action: Range<Int>?
    package var hasDecision = false
    package var hasReview = false
    package var hasTool = false
    /// A `capability` key (whatever its value, null included).
    package var hasCapability = false
    /// A key with escapes that is not an action field: it might spell one of the names above,
    /// so the line is read the slow way.
    package var escapedKey = false

    package init() {}

    /// Reads member `key` (whose value starts at the scanner) if it is one of the above;
    /// false (nothing read) otherwise.
    mutating func read(_ key: Range<Int>, escaped: Bool, _ s: inout JSONScanner) throws(JSONSyntaxError) -> Bool {
        if escaped {
            escapedKey = true
            return false
        }
        switch key.count {
        case 4 where s.content(key, escaped: false, is: "time"):
            let kind = s.valueKind
            timeKind = kind
            guard kind == 0x22 else { return false }
            s.skipSpace()
            let (r, e) = try s.string()
            time = r
            timeEscaped = e
            return true
        case 4 where s.content(key, escaped: false, is: "tool"): hasTool = true
        case 6 where s.content(key, escaped: false, is: "review"): hasReview = true
        case 6 where s.content(key, escaped: false, is: "action"):
            guard s.valueKind == 0x7B else { return false }
            s.skipSpace()
            let start = s.i
            try s.skipValue()
            action = start..<s.i
            return true
        case 8 where s.content(key, escaped: false, is: "decision"): hasDecision = true
        default: break
        }
        return false
    }
}
