/// The fields of one action line, as byte ranges into the line and exact numbers.
/// Reused from line to line so that evaluation allocates nothing on the common path.
struct ActionFields {
    var id: Range<Int>?            // raw token (quotes included)
    var capabilityToken: Range<Int>?
    var capability: Range<Int>?    // content, when it has no escapes
    var capabilityBytes: [UInt8]?  // unescaped content, when it has escapes
    /// The numeric fields as sent, by `NumericField.rawValue` (the amount in its own currency).
    var numbers = [ActionNumber?](repeating: nil, count: NumericField.count)
    /// Their literal text in the line (nil for an amount sent as an escaped string).
    var numberTexts = [Range<Int>?](repeating: nil, count: NumericField.count)
    var currency: Range<Int>?
    var currencyBytes: [UInt8]?
    var reversible: Bool?
    var hasTags = false
    var attributes: Range<Int>?
    var errors: [FieldError] = []

    /// The amount as sent.
    var amount: ActionNumber? {
        get { numbers[NumericField.amount.rawValue] }
        set { numbers[NumericField.amount.rawValue] = newValue }
    }

    /// The amount's literal text.
    var amountText: Range<Int>? {
        get { numberTexts[NumericField.amount.rawValue] }
        set { numberTexts[NumericField.amount.rawValue] = newValue }
    }

    mutating func reset() {
        id = nil; capabilityToken = nil; capability = nil; capabilityBytes = nil
        for k in numbers.indices { numbers[k] = nil; numberTexts[k] = nil }
        currency = nil; currencyBytes = nil
        reversible = nil; hasTags = false; attributes = nil
        if !errors.isEmpty { errors.removeAll() }
    }
}

/// Recognises the field names of an action object (`ActionField.all`): each name is compared
/// as at most two 8-byte words (names up to 16 bytes; longer ones byte by byte).
struct ActionKeys: Sendable {
    // Plain words and the field only: the lookup copies entries, and a copy that held the
    // name's array would retain and release it per comparison (the bytes, needed only for
    // names over 16 bytes, live in `names`).
    private struct Entry: Sendable {
        var head: UInt64
        var tail: UInt64
        var length: Int
        var field: ActionField
        /// A bit of its own (the field's place in the list), for duplicate checks.
        var bit: UInt64
    }

    private let entries: [Entry]
    private let names: [[UInt8]]
    /// Open addressing by `slot(head, tail, length)`: an entry's index, or -1. Four times
    /// as many slots as names, so a lookup nearly always reads one slot.
    private let slots: [Int8]
    private let mask: Int

    /// The table of `ActionField.all`.
    static let shared = ActionKeys(ActionField.all)

    init(_ fields: [ActionField]) {
        precondition(fields.count < 64, "ActionKeys holds fewer than 64 names")
        names = fields.map { Array($0.description.utf8) }
        entries = fields.enumerated().map { place, f in
            let bytes = Array(f.description.utf8)
            let (head, tail) = bytes.withUnsafeBytes { b in b.baseAddress.map { Self.words($0, bytes.count) } ?? (0, 0) }
            return Entry(head: head, tail: tail, length: bytes.count, field: f, bit: 1 << UInt64(place))
        }
        var size = 16
        while size < 4 * fields.count { size *= 2 }
        mask = size - 1
        var table = [Int8](repeating: -1, count: size)
        for (k, e) in entries.enumerated() {
            var s = Self.slot(e.head, e.tail, e.length) & mask
            while table[s] >= 0 { s = (s + 1) & mask }
            table[s] = Int8(k)
        }
        slots = table
    }

    @inline(__always) private static func slot(_ head: UInt64, _ tail: UInt64, _ length: Int) -> Int {
        Int(truncatingIfNeeded: ((head ^ (tail &* 0x9E37_79B9) ^ UInt64(truncatingIfNeeded: length)) &* 0x9E37_79B9_7F4A_7C15) >> 40)
    }

    /// The field named by bytes `r` of `b`; nil for any other name.
    @inline(__always)
    func field(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> ActionField? {
        lookup(b, r)?.field
    }

    /// The field named by bytes `r` of `b` and a bit of its own (distinct fields, distinct
    /// bits); nil for any other name.
    @inline(__always)
    func lookup(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> (field: ActionField, bit: UInt64)? {
        let n = r.count
        guard let base = b.baseAddress else { return nil }
        let p = UnsafeRawPointer(base + r.lowerBound)
        // A short name is read as one word masked to its length when the line has 8 bytes
        // from its start (a key is followed by at least `":` and a value, so nearly always).
        let (head, tail) = n < 8 && r.lowerBound + 8 <= b.count
            ? (UInt64(littleEndian: p.loadUnaligned(as: UInt64.self)) & ((1 &<< UInt64(8 * n)) &- 1), 0)
            : Self.words(p, n)
        var s = Self.slot(head, tail, n) & mask
        while true {
            let k = Int(slots[s])
            if k < 0 { return nil }
            let e = entries[k]
            if e.head == head && e.tail == tail && e.length == n
                && (n <= 16 || names[k].elementsEqual(UnsafeRawBufferPointer(start: p, count: n))) {
                return (e.field, e.bit)
            }
            s = (s + 1) & mask
        }
    }

    /// The field named by `bytes`.
    func field(bytes: [UInt8]) -> ActionField? {
        lookup(bytes: bytes)?.field
    }

    /// `lookup` for a name's bytes.
    func lookup(bytes: [UInt8]) -> (field: ActionField, bit: UInt64)? {
        bytes.withUnsafeBufferPointer { lookup($0, 0..<$0.count) }
    }

    /// The first and the last 8 bytes (overlapping when shorter than 16); shorter names
    /// in the first word alone.
    @inline(__always)
    private static func words(_ p: UnsafeRawPointer, _ n: Int) -> (UInt64, UInt64) {
        if n >= 8 {
            return (UInt64(littleEndian: p.loadUnaligned(as: UInt64.self)), UInt64(littleEndian: p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)))
        }
        var h: UInt64 = 0
        for k in 0..<n { h |= UInt64(p.load(fromByteOffset: k, as: UInt8.self)) << UInt64(8 * k) }
        return (h, 0)
    }
}

extension JSONScanner {
    /// `object` for an action: `member` gets each key's field (nil for any other key).
    /// Duplicate keys are an error as there; a repeated field is found by its bit, so only
    /// the other keys are compared with each other.
    /// `member` also gets each key's range and whether it has escapes (for readers that look
    /// at other members too: `simulate`'s log members).
    mutating func fieldObject(_ names: ActionKeys, _ member: (inout JSONScanner, ActionField?, Range<Int>, Bool) throws(JSONSyntaxError) -> Void) throws(JSONSyntaxError) {
        i += 1   // {
        skipSpace()
        if i < b.count, b[i] == 0x7D { i += 1; return }
        var seen: UInt64 = 0
        let base = keys.count
        defer { if keys.count > base { keys.removeLast(keys.count - base) } }
        while true {
            skipSpace()
            let keyStart = i
            let (k, escaped) = try string()
            let known = escaped ? names.lookup(bytes: unescape(k)) : names.lookup(b, k)
            if let known {
                if seen & known.bit != 0 { throw duplicate(k, escaped, at: keyStart) }
                seen |= known.bit
            } else {
                try addKey(k, escaped, at: keyStart, since: base)
            }
            try expect(0x3A, "':'")
            skipSpace()
            try member(&self, known?.field, k, escaped)
            if try endOfMember() { return }
        }
    }

    /// What kind of value starts at `i`.
    var valueKind: UInt8 {
        var k = i
        while k < b.count, b[k] == 0x20 || b[k] == 0x09 || b[k] == 0x0A || b[k] == 0x0D { k += 1 }
        return k < b.count ? b[k] : 0
    }

    /// Reads a number value at `i` (after spaces); nil when it is not a number token.
    mutating func numberValue() throws(JSONSyntaxError) -> (ActionNumber, Range<Int>)? {
        skipSpace()
        guard i < b.count, b[i] == 0x2D || (b[i] >= 0x30 && b[i] <= 0x39) else { return nil }
        let start = i
        let r = numberToken()
        let u = UnsafeBufferPointer(rebasing: b[r])
        if let n = ActionNumber(literal: u) { return (n, r) }   // it checks the grammar too
        throw fail(JSONScanner.isNumber(u) ? "number exponent beyond ±\(ExactDecimal.maxExponentMagnitude)" : "malformed number", at: start)
    }

    static func typeName(_ c: UInt8) -> String {
        switch c {
        case 0x22: "a string"
        case 0x7B: "an object"
        case 0x5B: "an array"
        case 0x74, 0x66: "a boolean"
        case 0x6E: "null"
        default: "a number"
        }
    }
}
