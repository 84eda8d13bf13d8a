/// An action an agent proposes (SPEC §4): built in Swift, or a JSON line exactly as `eval`
/// reads it. Deciding a line that does not parse gives an `invalid` decision with its
/// errors, as `eval` does; nothing throws.
public struct Action: Sendable, Hashable {
    /// An amount: an exact decimal, in `currency` (nil: the policy currency).
    public struct Amount: Sendable, Hashable {
        /// The value, exactly.
        public var value: ExactDecimal
        /// An ISO currency code; nil means the policy currency.
        public var currency: String?

        /// An amount of `value` in `currency` (nil: the policy currency).
        public init(_ value: ExactDecimal, currency: String? = nil) {
            self.value = value
            self.currency = currency
        }

        /// An amount written as decimal text (`"6200.00"`); nil when the text is not a number.
        public init?(_ text: String, currency: String? = nil) {
            guard let value = ExactDecimal(parsing: text) else { return nil }
            self.init(value, currency: currency)
        }
    }

    /// A JSON value, for `attributes`.
    public indirect enum Value: Sendable, Hashable {
        /// A string.
        case string(String)
        /// A number, exactly.
        case number(ExactDecimal)
        /// A boolean.
        case bool(Bool)
        /// An object (nested attributes).
        case object([String: Value])
        /// An array (equals no value a policy lists).
        case array([Value])
        /// Null: the attribute counts as missing.
        case null
    }

    /// The line number the decision echoes when the action has no `id` (and always when
    /// it is invalid).
    public var line: Int
    let form: Form

    enum Form: Sendable, Hashable {
        case json([UInt8])
        case built(Built)
    }

    /// An action's fields as the evaluator takes them (numbers already exact). A class, so
    /// that handing an action to `decide` copies one reference, not nine fields. What a
    /// plain decision reads comes first, and nothing of it lives in an array of its own: when
    /// actions are not in the processor's cache, each object touched costs more than the
    /// decision's own work.
    final class Built: Sendable, Hashable {
        /// The numbers as the diagram walk reads them (the amount in `currencyUTF8`), when
        /// `plain`. It depends on the action alone, so it is computed once here rather than
        /// in every `decide`.
        let walk: InlineWalk
        /// A non-empty capability, and every number valid for its field and short enough
        /// for the fast form. Otherwise `decide` takes the general path, which reports the
        /// errors and compares exactly.
        let plain: Bool
        let reversible: Bool?
        let capability: String
        let id: ActionID?
        let currencyUTF8: [UInt8]?
        let tags: [String]?
        let attributes: [String: Value]?
        /// By `NumericField.rawValue` (the amount in `currencyUTF8`).
        let numbers: [ActionNumber?]

        init(id: ActionID?, capability: String, numbers: [ActionNumber?], currencyUTF8: [UInt8]?,
             reversible: Bool?, tags: [String]?, attributes: [String: Value]?) {
            self.id = id
            self.capability = capability
            self.numbers = numbers
            self.currencyUTF8 = currencyUTF8
            self.reversible = reversible
            self.tags = tags
            self.attributes = attributes
            var walk = InlineWalk()
            plain = !capability.isEmpty && Self.plainNumbers(numbers, into: &walk)
            self.walk = walk
        }

        /// The capability's bytes.
        var capabilityUTF8: [UInt8] { Array(capability.utf8) }

        /// Sets `walk` from `numbers`; false when one is invalid for its field or too long
        /// for the fast form (or there are more numeric fields than `InlineWalk` holds).
        static func plainNumbers(_ numbers: [ActionNumber?], into walk: inout InlineWalk) -> Bool {
            guard numbers.count <= InlineWalk.capacity else { return false }
            for (k, n) in numbers.enumerated() {
                guard let x = n else { continue }
                guard x.big == nil, !x.hasMinusSign else { return false }
                if k != NumericField.amount.rawValue, let f = NumericField(rawValue: k),
                   x.problem(as: f, maximum: ActionNumber.maxima[k], whole: ActionNumber.wholeOnly[k]) != nil { return false }
                walk[k] = WalkNumber(x)
            }
            return true
        }

        static func == (x: Built, y: Built) -> Bool {
            x.id == y.id && x.capability.sameBytes(as: y.capability) && x.numbers == y.numbers && x.currencyUTF8 == y.currencyUTF8
                && x.reversible == y.reversible && x.tags == y.tags && x.attributes == y.attributes
        }

        func hash(into h: inout Hasher) {
            h.combine(id)
            h.combine(capability.utf8.count)
            for b in capability.utf8 { h.combine(b) }
            h.combine(numbers)
            h.combine(currencyUTF8)
            h.combine(reversible)
            h.combine(tags)
            h.combine(attributes)
        }
    }

    /// An action built in Swift. A field left nil is missing, and so fails closed (SPEC §4);
    /// values out of range (a negative amount, a confidence outside [0, 1], an unknown
    /// currency, an empty capability) make the decision `invalid`, as in `eval`.
    public init(capability: String, id: ActionID? = nil, amount: Amount? = nil, confidence: ExactDecimal? = nil,
                blastRadius: Int? = nil, reversible: Bool? = nil, tags: [String]? = nil,
                attributes: [String: Value]? = nil, line: Int = 1) {
        self.line = line
        var numbers = [ActionNumber?](repeating: nil, count: NumericField.count)
        numbers[NumericField.amount.rawValue] = amount.map { ActionNumber(exact: $0.value) }
        numbers[NumericField.confidence.rawValue] = confidence.map { ActionNumber(exact: $0) }
        numbers[NumericField.blastRadius.rawValue] = blastRadius.map { ActionNumber(exact: ExactDecimal($0)) }
        form = .built(Built(
            id: id, capability: capability, numbers: numbers,
            currencyUTF8: amount?.currency.map { Array($0.utf8) },
            reversible: reversible, tags: tags, attributes: attributes))
    }

    /// An action as one JSON line (without its newline), read by the same parser as `eval`
    /// when it is decided. `line` is its 1-based line number in the input.
    public init(json: [UInt8], line: Int = 1) {
        self.line = line
        form = .json(json)
    }

    /// An action as one JSON line.
    public init(json: String, line: Int = 1) {
        self.init(json: Array(json.utf8), line: line)
    }

    /// The JSON text the action was read from (nil for actions built in Swift).
    public var jsonBytes: [UInt8]? {
        if case .json(let bytes) = form { return bytes }
        return nil
    }
}
