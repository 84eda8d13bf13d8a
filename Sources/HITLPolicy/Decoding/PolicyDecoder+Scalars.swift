/// Typed readers for scalar values; each reports a diagnostic and returns nil on a bad value.
extension PolicyDecoder {
    /// A string value (plain or quoted). Numbers and booleans are rejected.
    mutating func string(_ node: YAMLNode, _ label: @autoclosure () -> String) -> String? {
        if let s = node.scalar, case .string(let text) = s.value { return text }
        sink.emit(.wrongType, "\(label()) must be a string, not \(node.kindDescription)", at: node.location,
                  hint: node.scalar != nil ? "quote the value to make it a string" : nil)
        return nil
    }

    /// Free text or an opaque identifier: any non-null scalar, taken as written.
    mutating func text(_ node: YAMLNode, _ label: @autoclosure () -> String) -> String? {
        if let s = node.scalar, s.value != .null { return s.text }
        sink.emit(.wrongType, "\(label()) must be text, not \(node.kindDescription)", at: node.location,
                  hint: node.scalar != nil ? "write a value after the colon" : "write a single line of text")
        return nil
    }

    /// `true` or `false` (YAML 1.2: `yes`, `no`, `on`, `off` are strings).
    mutating func bool(_ node: YAMLNode, _ label: @autoclosure () -> String) -> Bool? {
        if let s = node.scalar, case .bool(let b) = s.value { return b }
        var hint = "write true or false"
        if let s = node.scalar, case .string(let t) = s.value,
           ["yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off", "YES", "NO", "ON", "OFF"].contains(t) {
            let b = ["yes", "on", "y", "Yes", "On", "YES", "ON"].contains(t)
            hint = "YAML 1.2 reads '\(t)' as a string, not a boolean; write \(b)"
        }
        sink.emit(.wrongType, "\(label()) must be true or false, not \(node.kindDescription)", at: node.location, hint: hint)
        return nil
    }

    /// A plain decimal number, exact, within the policy number range.
    mutating func decimal(_ node: YAMLNode, _ label: @autoclosure () -> String) -> ExactDecimal? {
        guard let s = node.scalar else {
            sink.emit(.wrongType, "\(label()) must be a number, not \(node.kindDescription)", at: node.location)
            return nil
        }
        let literal: String
        switch s.value {
        case .int(let t), .float(let t): literal = t
        case .string(let t) where s.style != .plain && ExactDecimal(parsing: t) != nil:
            sink.emit(.wrongType, "\(label()) must be a number, not the quoted string '\(t)'", at: node.location,
                      hint: "remove the quotes: \(t)")
            return nil
        default:
            sink.emit(.wrongType, "\(label()) must be a number, not \(node.kindDescription)", at: node.location,
                      hint: Self.percentHint(s.text) ?? Self.plainNumberHint(s.text))
            return nil
        }
        // Core-schema numbers are ASCII, so the case folding is ASCII's (a byte scan: this runs
        // for every threshold of a large policy).
        let bytes = Array(literal.utf8)
        let folded = { (k: Int) in k < bytes.count ? bytes[k] | 0x20 : 0 }
        if folded(0) == UInt8(ascii: "0"), folded(1) == UInt8(ascii: "x") || folded(1) == UInt8(ascii: "o") {
            sink.emit(.invalidNumber, "\(label()) is written in \(folded(1) == UInt8(ascii: "x") ? "hexadecimal" : "octal") ('\(literal)')",
                      at: node.location, hint: "write the number in decimal")
            return nil
        }
        let spells = { (word: StaticString) in
            bytes.indices.contains { k in (0..<3).allSatisfy { folded(k + $0) == word.utf8Start[$0] } }
        }
        if spells("inf") || spells("nan") {
            sink.emit(.invalidNumber, "\(label()) must be a finite number, not '\(literal)'", at: node.location)
            return nil
        }
        guard let value = ExactDecimal(utf8: bytes[...]), PolicyGrammar.isPolicyNumber(value) else {
            sink.emit(.invalidNumber,
                      "\(label()) '\(literal)' is out of range: policy numbers are below 10^\(PolicyGrammar.maxNumberOrder), with at most "
                        + "\(PolicyGrammar.maxNumberDigits) significant digits and at most \(PolicyGrammar.maxFractionDigits) digits after the point",
                      at: node.location, hint: "leading zeros do not count as significant digits: 0.000001 has one")
            return nil
        }
        return value
    }

    /// For `80%`: thresholds are plain numbers, so write 0.8.
    static func percentHint(_ text: String) -> String? {
        guard text.hasSuffix("%"), text.count > 1, text.count <= 40 else { return nil }
        let number = text.dropLast().utf8.filter { $0 != 0x20 }
        guard !number.contains(UInt8(ascii: "e")), !number.contains(UInt8(ascii: "E")),
              let value = ExactDecimal(parsing: String(decoding: number, as: UTF8.self) + "e-2")
        else { return nil }
        return "numbers are written without '%': \(text) is \(value)"
    }

    /// For `$100`, `100 USD`, `1,000` or `1_000`: a number is written plain, without a
    /// currency or thousands separators (commas and underscores only between groups of three
    /// digits, so `1,5` gets no guess).
    static func plainNumberHint(_ text: String) -> String? {
        guard text.utf8.count <= 60 else { return nil }
        var t = Substring(text).trimmingPrefix(while: { $0 == " " })
        var money = false
        for sign in ["$", "€", "£", "¥", "US$"] where t.hasPrefix(sign) || t.hasSuffix(sign) {
            t = t.hasPrefix(sign) ? t.dropFirst(sign.count) : t.dropLast(sign.count)
            money = true
        }
        let words = t.split(separator: " ")
        if words.count == 2, let code = words.first(where: { CurrencyCode.isKnown(String($0)) }) {
            t = words[0] == code ? words[1] : words[0]
            money = true
        }
        t = t.drop { $0 == " " }
        let parts = t.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var whole = parts[0]
        var grouped = false
        for separator: Character in [",", "_"] where whole.contains(separator) {
            let groups = whole.split(separator: separator, omittingEmptySubsequences: false)
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            whole = Substring(groups.joined())
            grouped = true
        }
        guard money || grouped, !whole.isEmpty, whole.allSatisfy(\.isASCII), whole.allSatisfy(\.isNumber) else { return nil }
        let plain = parts.count == 2 ? whole + "." + parts[1] : whole
        guard ExactDecimal(parsing: String(plain)) != nil else { return nil }
        return "write the plain number: \(plain)" + (money ? " (amounts are in the policy's currency, without a sign or code)" : " (no thousands separators)")
    }

    /// A whole number that fits an Int.
    mutating func integer(_ node: YAMLNode, _ what: String) -> Int? {
        if let s = node.scalar, case .int(let t) = s.value, t.hasPrefix("0x") || t.hasPrefix("0o") {
            sink.emit(.invalidNumber, "\(what) is written in \(t.hasPrefix("0x") ? "hexadecimal" : "octal") ('\(t)')",
                      at: node.location, hint: "write the number in decimal")
            return nil
        }
        if let s = node.scalar, case .int(let t) = s.value, !t.hasPrefix("0x"), !t.hasPrefix("0o") {
            if let n = Int(t) { return n }
            sink.emit(.invalidNumber, "\(what) '\(t)' is out of range", at: node.location)
            return nil
        }
        sink.emit(.wrongType, "\(what) must be a whole number, not \(node.kindDescription)", at: node.location)
        return nil
    }

    /// A stage name, optionally restricted to `allowed`.
    mutating func stage(_ node: YAMLNode, _ label: @autoclosure () -> String, allowed: [Stage] = Stage.allCases) -> Stage? {
        guard let s = node.scalar, s.value != .null else {
            sink.emit(.wrongType, "\(label()) must be one of \(list(allowed)), not \(node.kindDescription)", at: node.location)
            return nil
        }
        if let stage = Stage(name: s.text), s.value.isStringLike, allowed.contains(stage) { return stage }
        var hint = Suggestion.closest(to: s.text, in: allowed.map(\.description)).map { "did you mean '\($0)'?" }
            ?? (allowed.count == Stage.allCases.count ? "autonomous runs unattended, approval waits for a human, disabled never runs"
                : "here the stage can only be \(list(allowed))")
        if case .bool = s.value { hint = "a stage is a word, not a boolean: " + list(allowed) }
        if let stage = Stage(name: s.text), !allowed.contains(stage) {
            hint = "here the stage can only be \(list(allowed))"
        }
        sink.emit(.invalidValue, "\(label()) must be one of \(list(allowed)), not '\(s.text)'", at: node.location, hint: hint)
        return nil
    }

    private func list(_ stages: [Stage]) -> String {
        stages.map(\.description).joined(separator: ", ")
    }

    /// `reject` or `escalate`.
    mutating func timeoutAction(_ node: YAMLNode, _ what: String) -> TimeoutAction? {
        if let s = node.scalar, s.value.isStringLike, let a = TimeoutAction(rawValue: s.text) { return a }
        sink.emit(.invalidValue, "\(what) must be 'reject' or 'escalate', not \(node.kindDescription)", at: node.location,
                  hint: node.scalar.map { Suggestion.hint(for: $0.text, in: ["reject", "escalate"]) })
        return nil
    }

    /// A duration such as `15m`, `4h`, `1h30m`.
    mutating func duration(_ node: YAMLNode, _ what: String) -> PolicyDuration? {
        guard let s = node.scalar, s.value.isStringLike else {
            sink.emit(.invalidDuration, "\(what) must be a duration such as 30s, 15m, 4h, 2d or 1h30m, not \(node.kindDescription)",
                      at: node.location, hint: node.scalar.map { "add a unit, for example '\($0.text)m'" })
            return nil
        }
        switch PolicyDuration.parse(s.text) {
        case .success(let d): return d
        case .failure(let e):
            let (message, hint): (String, String) = switch e {
            case .malformed: ("'\(s.text)' is not a duration", "write a number and a unit: 30s, 15m, 4h, 2d, or a sum such as 1h30m")
            case .zero: ("\(what) must be longer than zero", "an SLA of zero would time out every approval at once")
            case .tooLong: ("'\(s.text)' is longer than a year", "approvals waiting more than a year strand the task; choose a shorter SLA")
            case .unitOrder: ("'\(s.text)' repeats a unit or puts a smaller unit first", "write units from largest to smallest, each once: 1d2h30m")
            }
            sink.emit(.invalidDuration, message, at: node.location, hint: hint)
            return nil
        }
    }

    /// An ISO 4217 code value.
    mutating func currencyCode(_ node: YAMLNode, _ what: String) -> String? {
        guard let code = string(node, what) else { return nil }
        return checkCurrency(code, at: node.location, what: what) ? code : nil
    }

    /// Whether `code` is a known ISO 4217 code; reports it when not.
    mutating func checkCurrency(_ code: String, at location: SourceLocation, what: String) -> Bool {
        if CurrencyCode.isKnown(code) { return true }
        let hint = CurrencyCode.isWellFormed(code.uppercased()) && CurrencyCode.isKnown(code.uppercased())
            ? "currency codes are upper case: \(code.uppercased())"
            : "use a three-letter ISO 4217 code such as USD, EUR or GBP"
        sink.emit(.invalidCurrency, "\(what) '\(code)' is not an ISO 4217 currency code", at: location, hint: hint)
        return false
    }

    /// A list of non-null scalars taken as text, with their locations. A single scalar is
    /// accepted when `allowSingle` is set (every list of names does: `approvers: sre-oncall`
    /// is `approvers: [sre-oncall]`), except a plain one with a comma, which is most likely
    /// a list written without its brackets.
    mutating func textList(
        _ node: YAMLNode, _ what: String, allowSingle: Bool = false
    ) -> [(text: String, location: SourceLocation)]? {
        if allowSingle, let s = node.scalar, s.value != .null {
            guard oneOrMore(node, what) != nil else { return nil }
            return [(s.text, node.location)]
        }
        guard let items = sequence(node, what) else { return nil }
        if items.isEmpty {
            sink.emit(.emptyList, "\(what) is an empty list", at: node.location, hint: "list at least one entry, or remove the field")
            return nil
        }
        var out: [(String, SourceLocation)] = []
        for item in items {
            guard let t = text(item, "each entry of \(what)") else { continue }
            if t.isEmpty {
                sink.emit(.wrongType, "\(what) has an empty entry", at: item.location)
                continue
            }
            out.append((t, item.location))
        }
        return out.count == items.count ? out : nil
    }
}

extension ScalarValue {
    /// True for strings (a word that happens to be a stage name is still a string).
    var isStringLike: Bool {
        if case .string = self { return true }
        return false
    }
}
