#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The JSON primitives `TableArtifactReader` decodes with: the strict action scanner's
/// tokens (exact numbers, validated strings), objects whose member names are fixed — an
/// unknown or repeated name is refused where it stands — and a path kept as a stack of
/// steps, turned into text only for a message.
struct TableArtifactScanner {
    /// Why the bytes are not a table.
    struct Failure: Error {
        var message: String
        /// Said as it is, not as a malformed table: the table's format or version is not
        /// this build's, or an approver's kind or timeout is a word no table uses (worded as
        /// `DecisionTable.validate()` words a known one out of place).
        var asIs = false
    }

    /// One step of the path to the value being read.
    enum Step {
        case key(StaticString)
        case index(Int)
    }

    var s: JSONScanner
    var path: [Step] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) { s = JSONScanner(bytes) }

    /// `rules[3].conditions[0]`, or `the top`.
    var where_: String {
        var text = ""
        for step in path {
            switch step {
            case .key(let k): text += text.isEmpty ? "\(k)" : ".\(k)"
            case .index(let i): text += "[\(i)]"
            }
        }
        return text.isEmpty ? "the top" : text
    }

    func fail(_ message: String) -> Failure { Failure(message: message) }

    func wrongType(_ expected: String) -> Failure { Failure(message: "wrong type at \(where_): expected \(expected)") }

    func missing(_ key: StaticString) -> Failure {
        let at = where_
        return Failure(message: "missing \(at == "the top" ? "" : at + ".")\(key)")
    }

    /// Runs a scanner step, turning its syntax error into a failure that names the byte.
    @inline(__always) mutating func scan<T>(_ step: (inout JSONScanner) throws(JSONSyntaxError) -> T) throws(Failure) -> T {
        do throws(JSONSyntaxError) {
            return try step(&s)
        } catch {
            throw Failure(message: "\(error.message) at byte \(error.offset)")
        }
    }

    /// The next byte after white space, without consuming it (nil at the end).
    @inline(__always) mutating func peek() -> UInt8? {
        s.skipSpace()
        return s.i < s.b.count ? s.b[s.i] : nil
    }

    /// Consumes `null` if it is next (an optional member written as null counts as absent).
    mutating func null() throws(Failure) -> Bool {
        guard peek() == 0x6E else { return false }
        try scan { (s: inout JSONScanner) throws(JSONSyntaxError) in try s.literal("null") }
        return true
    }

    /// Reads an object whose member names are `keys` (at most 32); `member` reads the value
    /// of `keys[k]`. Returns the set of members seen, as bits.
    @discardableResult
    mutating func object(_ keys: [StaticString], _ member: (inout Self, Int) throws(Failure) -> Void) throws(Failure) -> UInt32 {
        guard peek() == 0x7B else { throw wrongType("an object") }
        s.i += 1
        var seen: UInt32 = 0
        if peek() == 0x7D {
            s.i += 1
            return seen
        }
        while true {
            s.skipSpace()
            let keyStart = s.i
            let (range, escaped) = try scan { (s: inout JSONScanner) throws(JSONSyntaxError) in try s.string() }
            // Keys are compared in place; only an escaped one (never written) is copied.
            let k: Int? = escaped
                ? s.unescape(range).withUnsafeBufferPointer { name in keys.firstIndex { Self.equal($0, name) } }
                : keys.firstIndex { Self.equal($0, UnsafeBufferPointer(rebasing: s.b[range])) }
            guard let k else {
                let shown = String(decoding: s.content(range, escaped: escaped).prefix(64), as: UTF8.self)
                throw fail("unknown member \"\(shown)\" at \(where_) (byte \(keyStart))")
            }
            guard seen & (1 << UInt32(k)) == 0 else {
                throw fail("duplicate key \"\(keys[k])\" at \(where_) (byte \(keyStart))")
            }
            seen |= 1 << UInt32(k)
            try scan { (s: inout JSONScanner) throws(JSONSyntaxError) in try s.expect(0x3A, "':'") }
            path.append(.key(keys[k]))
            try member(&self, k)
            path.removeLast()
            switch peek() {
            case 0x2C?: s.i += 1
            case 0x7D?:
                s.i += 1
                return seen
            default: throw fail("expected ',' or '}' at byte \(s.i)")
            }
        }
    }

    @inline(__always) static func equal(_ key: StaticString, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard key.utf8CodeUnitCount == name.count, let base = name.baseAddress else { return key.utf8CodeUnitCount == name.count }
        return memcmp(key.utf8Start, base, name.count) == 0
    }

    /// Reads an array, at most `limit` elements.
    mutating func array<T>(limit: Int = .max, _ element: (inout Self) throws(Failure) -> T) throws(Failure) -> [T] {
        guard peek() == 0x5B else { throw wrongType("an array") }
        s.i += 1
        var out: [T] = []
        if peek() == 0x5D {
            s.i += 1
            return out
        }
        while true {
            guard out.count < limit else { throw fail("more than \(limit) entries at \(where_)") }
            path.append(.index(out.count))
            out.append(try element(&self))
            path.removeLast()
            switch peek() {
            case 0x2C?: s.i += 1
            case 0x5D?:
                s.i += 1
                return out
            default: throw fail("expected ',' or ']' at byte \(s.i)")
            }
        }
    }

    // MARK: Scalars

    mutating func string() throws(Failure) -> String {
        guard peek() == 0x22 else { throw wrongType("a string") }
        let (range, escaped) = try scan { (s: inout JSONScanner) throws(JSONSyntaxError) in try s.string() }
        if escaped { return String(decoding: s.unescape(range), as: UTF8.self) }
        return String(decoding: UnsafeBufferPointer(rebasing: s.b[range]), as: UTF8.self)
    }

    /// A string, or nil for `null`.
    mutating func optionalString() throws(Failure) -> String? { try null() ? nil : try string() }

    mutating func strings() throws(Failure) -> [String] { try array { (r: inout Self) throws(Failure) in try r.string() } }

    mutating func bool() throws(Failure) -> Bool {
        switch peek() {
        case 0x74?:
            try scan { (s: inout JSONScanner) throws(JSONSyntaxError) in try s.literal("true") }
            return true
        case 0x66?:
            try scan { (s: inout JSONScanner) throws(JSONSyntaxError) in try s.literal("false") }
            return false
        default: throw wrongType("true or false")
        }
    }

    /// A decimal written as a string; only a number a policy can write (`PolicyGrammar`'s
    /// bounds), so a table cannot make each decision do arithmetic on a million digits.
    mutating func decimal() throws(Failure) -> ExactDecimal {
        let text = try string()
        let shown = text.utf8.count > 64 ? "\(text.prefix(64))… (\(text.utf8.count) bytes)" : text
        let long = text.utf8.count > Self.maxDecimalBytes
        guard long || ExactDecimal(parsing: text) != nil else { throw fail("not a decimal at \(where_): \(shown)") }
        guard !long, let d = ExactDecimal(parsing: text), PolicyGrammar.isPolicyNumber(d) else {
            throw fail("number out of range at \(where_): \(shown) (policy numbers are below 10^\(PolicyGrammar.maxNumberOrder), "
                       + "with at most \(PolicyGrammar.maxNumberDigits) significant digits and \(PolicyGrammar.maxFractionDigits) after the point)")
        }
        return d
    }

    /// Longest decimal text read: room for every policy number written out in full
    /// (24 integer and 64 fraction digits, a sign and a point), with leading zeros.
    static let maxDecimalBytes = 256

    /// A JSON number literal, exactly.
    mutating func number() throws(Failure) -> ActionNumber {
        guard let c = peek(), c == 0x2D || (c >= 0x30 && c <= 0x39) else { throw wrongType("an integer") }
        let range = s.numberToken()
        guard let n = ActionNumber(literal: UnsafeBufferPointer(rebasing: s.b[range])) else {
            throw fail("malformed number at \(where_)")
        }
        return n
    }

    /// A whole number within `range`.
    mutating func integer(_ range: ClosedRange<Int64>) throws(Failure) -> Int64 {
        if let v = plainInteger() {
            guard range.contains(v) else { throw fail("integer out of range at \(where_)") }
            return v
        }
        let n = try number()
        guard n.big == nil, n.exponent >= 0, n.exponent <= 18 else { throw wrongType("an integer") }
        let (m, overflow) = n.significand.multipliedReportingOverflow(by: ActionNumber.pow10(n.exponent))
        guard !overflow, m <= UInt64(Int64.max) else { throw fail("integer out of range at \(where_)") }
        let value = n.isNegative ? -Int64(m) : Int64(m)
        guard range.contains(value) else { throw fail("integer out of range at \(where_)") }
        return value
    }

    /// The common case read directly: `-`? and 1 to 18 digits, no leading zero, no fraction
    /// or exponent (nil, consuming nothing, for anything else: the exact path decides).
    @inline(__always) mutating func plainInteger() -> Int64? {
        s.skipSpace()
        let b = s.b
        var k = s.i
        let negative = k < b.count && b[k] == 0x2D
        if negative { k += 1 }
        let start = k
        var v: Int64 = 0
        while k < b.count, b[k] >= 0x30, b[k] <= 0x39, k - start < 18 {
            v = v * 10 + Int64(b[k] - 0x30)
            k += 1
        }
        let digits = k - start
        guard digits > 0, !(digits > 1 && b[start] == 0x30) else { return nil }
        if k < b.count {
            let c = b[k]
            if c == 0x2E || c == 0x65 || c == 0x45 || (c >= 0x30 && c <= 0x39) { return nil }
        }
        s.i = k
        return negative ? -v : v
    }

    mutating func int() throws(Failure) -> Int { Int(try integer(Int64(Int.min)...Int64(Int.max))) }

    mutating func optionalInt() throws(Failure) -> Int? { try null() ? nil : try int() }

    mutating func int32() throws(Failure) -> Int32 { Int32(try integer(Int64(Int32.min)...Int64(Int32.max))) }

    /// A field mask: bits up to 63, written as an unsigned number.
    mutating func uint64() throws(Failure) -> UInt64 {
        let n = try number()
        guard !n.hasMinusSign, n.big == nil, n.exponent >= 0, n.exponent <= 19 else { throw wrongType("an unsigned integer") }
        let (m, overflow) = n.significand.multipliedReportingOverflow(by: ActionNumber.pow10(n.exponent))
        guard !overflow else { throw fail("integer out of range at \(where_)") }
        return m
    }
}
