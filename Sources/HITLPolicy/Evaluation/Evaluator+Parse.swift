extension Evaluator {
    /// Scans the line into `fields`; returns a message when it is not a JSON object.
    func parse() -> String? {
        // Strings are checked for UTF-8 as they are scanned, and any other byte above ASCII
        // breaks the grammar, so a line with bad UTF-8 always fails; it is named as such.
        guard let problem = scan(nil) else { return nil }
        return UTF8Check.isValid(action.line) ? problem : "the line is not valid UTF-8"
    }

    /// The reader for log lines (`simulate`): sets `action` from `bytes` (a leading byte order
    /// mark skipped) and scans it, also reading the line's log members in the same scan;
    /// whether the line is a JSON object (its fields and members are then set, the fields not
    /// yet validated: `Decider.rowOfScanned` does that for an action).
    func read(line bytes: UnsafeBufferPointer<UInt8>, members: inout LogMembers) -> Bool {
        action.line = ByteOrderMark.dropping(bytes)
        return withUnsafeMutablePointer(to: &members) { scan($0) == nil }
    }

    private func scan(_ members: UnsafeMutablePointer<LogMembers>?) -> String? {
        var s = JSONScanner(action.line)
        swap(&s.keys, &keyScratch)
        defer { swap(&s.keys, &keyScratch) }
        s.skipSpace()
        guard s.i < action.line.count else { return "empty line" }
        guard action.line[s.i] == 0x7B else {
            do throws(JSONSyntaxError) {
                try s.skipValue()
                s.skipSpace()
                if s.i == action.line.count { return "not a JSON object (an action is an object)" }
                throw s.fail("unexpected text after the value")
            } catch {
                return "not JSON: \(error.message) at column \(column(of: error.offset))"
            }
        }
        do throws(JSONSyntaxError) {
            if let members {
                try s.fieldObject(keys) { (s: inout JSONScanner, key: ActionField?, name: Range<Int>, escaped: Bool) throws(JSONSyntaxError) in
                    if key == nil {
                        if try members.pointee.read(name, escaped: escaped, &s) { return }
                    } else if key == .capability {
                        members.pointee.hasCapability = true
                    }
                    try self.member(key, &s)
                }
            } else {
                try s.fieldObject(keys) { (s: inout JSONScanner, key: ActionField?, _: Range<Int>, _: Bool) throws(JSONSyntaxError) in
                    try self.member(key, &s)
                }
            }
            s.skipSpace()
            if s.i != action.line.count { throw s.fail("unexpected text after the object") }
        } catch {
            let prefix = error.message.hasPrefix("duplicate key") ? "" : "not JSON: "
            return "\(prefix)\(error.message) at column \(column(of: error.offset))"
        }
        return nil
    }

    /// 1-based column (in characters) of a byte offset in the line.
    func column(of offset: Int) -> Int {
        var col = 1
        for k in 0..<min(offset, action.line.count) where action.line[k] & 0xC0 != 0x80 { col += 1 }
        return col
    }

    func error(_ field: String, _ message: String) {
        action.fields.errors.append(FieldError(field: field, message: message))
    }

    /// Reads one top-level member's value.
    func member(_ field: ActionField?, _ s: inout JSONScanner) throws(JSONSyntaxError) {
        let kind = s.valueKind
        guard let key = field, kind != 0x6E else {   // another field, or null: the field is absent
            try s.skipValue()
            return
        }
        switch key {
        case .id:
            let start = s.i
            if kind == 0x22 {
                _ = try s.string()
                action.fields.id = start..<s.i
            } else if let (_, r) = try s.numberValue() {
                action.fields.id = r
            } else {
                error("id", "must be a string or a number, not \(JSONScanner.typeName(kind))")
                try s.skipValue()
            }
        case .capability:
            guard kind == 0x22 else {
                error("capability", "must be a string, not \(JSONScanner.typeName(kind))")
                try s.skipValue()
                return
            }
            let start = s.i
            let (r, escaped) = try s.string()
            action.fields.capabilityToken = start..<s.i
            if escaped { action.fields.capabilityBytes = s.unescape(r) } else { action.fields.capability = r }
            if r.isEmpty { error("capability", "must not be empty") }
            if escaped, s.hasLoneSurrogate(r) { error("capability", "has a lone surrogate escape (not Unicode text, so no name)") }
        case .number(.amount):
            if let (n, r) = try s.numberValue() {
                action.fields.amount = n
                action.fields.amountText = r
            } else if kind == 0x7B {
                try amountObject(&s)
            } else {
                error("amount", "must be a number or {\"value\": …, \"currency\": …}, not \(JSONScanner.typeName(kind))")
                try s.skipValue()
            }
        case .number(let f):
            if let (n, r) = try numberMember(f.description, kind, &s) {
                action.fields.numbers[f.rawValue] = n
                action.fields.numberTexts[f.rawValue] = r
            }
        case .reversible:
            if kind == 0x74 { try s.literal("true"); action.fields.reversible = true }
            else if kind == 0x66 { try s.literal("false"); action.fields.reversible = false }
            else {
                error("reversible", "must be true or false, not \(JSONScanner.typeName(kind))")
                try s.skipValue()
            }
        case .tags:
            guard kind == 0x5B else {
                error("tags", "must be an array of strings, not \(JSONScanner.typeName(kind))")
                try s.skipValue()
                return
            }
            action.fields.hasTags = true
            var position = 0
            try s.array { (s: inout JSONScanner) throws(JSONSyntaxError) in
                let kind = s.valueKind
                if kind == 0x22 {
                    let (r, escaped) = try s.string()
                    if escaped, s.hasLoneSurrogate(r) {
                        self.error("tags", "element \(position) has a lone surrogate escape (not Unicode text, so no tag)")
                    }
                    let found = escaped ? s.unescape(r).withUnsafeBufferPointer { self.tagIndex.lookup($0) }
                        : self.tagIndex.lookup(UnsafeBufferPointer(rebasing: s.b[r]))
                    if let t = found { self.setTag(t) }
                } else {
                    self.error("tags", "element \(position) must be a string, not \(JSONScanner.typeName(kind))")
                    try s.skipValue(depth: 1)
                }
                position += 1
            }
        case .attributes:
            let start = s.i
            try s.skipValue()
            if kind == 0x7B { action.fields.attributes = start..<s.i } else {
                error("attributes", "must be an object, not \(JSONScanner.typeName(kind))")
            }
        }
    }

    /// A member that must be a number: the number, or nil after recording the error.
    func numberMember(_ field: String, _ kind: UInt8, _ s: inout JSONScanner) throws(JSONSyntaxError) -> (ActionNumber, Range<Int>)? {
        if let found = try s.numberValue() { return found }
        error(field, "must be a number, not \(JSONScanner.typeName(kind))")
        try s.skipValue()
        return nil
    }

    /// `{"value": number or decimal string, "currency": "XXX"}`.
    func amountObject(_ s: inout JSONScanner) throws(JSONSyntaxError) {
        var sawValue = false
        try s.object { (s: inout JSONScanner, k: Range<Int>, escaped: Bool) throws(JSONSyntaxError) in
            let kind = s.valueKind
            if s.content(k, escaped: escaped, is: "value") {
                sawValue = true
                if let (n, r) = try s.numberValue() {
                    action.fields.amount = n
                    action.fields.amountText = r
                } else if kind == 0x22 {
                    // A string's value is its unescaped text: "\u0035" is 5. Its literal is
                    // then not in the line, so the decision shows the value instead.
                    let (r, escaped) = try s.string()
                    let n = escaped ? s.unescape(r).withUnsafeBufferPointer { ActionNumber(literal: $0) }
                        : ActionNumber(literal: UnsafeBufferPointer(rebasing: s.b[r]))
                    if let n {
                        action.fields.amount = n
                        action.fields.amountText = escaped ? nil : r
                    } else {
                        self.error("amount", "value \"\(String(decoding: s.content(r, escaped: escaped), as: UTF8.self))\" is not a decimal number")
                    }
                } else {
                    self.error("amount", "value must be a number or a decimal string, not \(JSONScanner.typeName(kind))")
                    try s.skipValue(depth: 1)
                }
            } else if s.content(k, escaped: escaped, is: "currency") {
                guard kind == 0x22 else {
                    self.error("amount", "currency must be a string, not \(JSONScanner.typeName(kind))")
                    try s.skipValue(depth: 1)
                    return
                }
                let (r, escaped) = try s.string()
                if escaped { action.fields.currencyBytes = s.unescape(r) }
                action.fields.currency = r
            } else {
                self.error("amount", "unknown field \"\(String(decoding: s.content(k, escaped: escaped), as: UTF8.self))\" (an amount has value and currency)")
                try s.skipValue(depth: 1)
            }
        }
        if !sawValue { error("amount", "the amount object has no value") }
        else if action.fields.currency == nil { error("amount", "the amount object has no currency") }
    }

    /// Checks values against SPEC §4 and converts the amount to the policy currency.
    func validate() {
        if action.fields.capabilityToken == nil, !action.fields.errors.contains(where: { $0.field == "capability" }) {
            error("capability", "is required")
        }
        if let a = action.fields.amount {
            if a.hasMinusSign {
                error("amount", "must not be negative (\(literalText(action.fields.amountText, a)))")
            } else if action.fields.currency == nil || currencyIsPolicy {
                action.amountValue = a
            } else {
                let code = action.fields.currencyBytes ?? Array(action.line[action.fields.currency!])
                if let rate = rate(code) {
                    action.amountValue = a.multiplied(by: rate)
                } else if currency == nil {
                    action.amountValue = a   // the policy has no amount rules; nothing consults it
                } else {
                    error("amount", "unknown currency \"\(String(decoding: code, as: UTF8.self))\" (the policy knows \(knownCurrencies))")
                }
            }
        }
        // Per action: the registry's values were copied into the evaluator's own arrays.
        for f in otherNumbers {
            guard let x = action.fields.numbers[f.rawValue],
                  let problem = x.problem(as: f, maximum: numberMaxima[f.rawValue], whole: wholeNumbers[f.rawValue]) else { continue }
            error(f.description, problem)
        }
    }

    /// An `invalid` decision.
    func renderInvalid(_ errors: [FieldError], number: Int, withFields: Bool, into out: inout [UInt8]) {
        var id: [UInt8]?
        var capability: [UInt8]?
        if withFields, action.fields.id != nil {
            id = []
            appendID(into: &id!)
        }
        if withFields, action.fields.capabilityToken != nil {
            capability = []
            appendCapability(into: &capability!)
        }
        DecisionJSON.appendInvalid(id: id, line: number, capability: capability, errors: errors,
                                   policy: table.policy, policyDigest: table.policyDigest, into: &out)
    }
}
