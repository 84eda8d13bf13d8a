/// Why a line is not a JSON value; `offset` is the byte where the problem is.
struct JSONSyntaxError: Error {
    var message: String
    var offset: Int
    /// The text ended inside a value (a pretty-printed object read line by line).
    var incomplete = false
}

/// A JSON value built only where a policy needs structure (`attributes`).
indirect enum JSONValue {
    case string([UInt8])
    case number(ActionNumber)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([([UInt8], JSONValue)])
}

/// A strict RFC 8259 reader over one line of bytes: validates everything, keeps numbers as
/// their literal text, rejects duplicate keys (compared after unescaping) in every object,
/// and bounds nesting depth.
struct JSONScanner {
    static let maxDepth = 64

    let b: UnsafeBufferPointer<UInt8>
    var i: Int
    /// Keys of the objects being read (start, end, escaped) for duplicate checks; passed in
    /// and handed back so that a stream reuses one allocation.
    var keys: [Int] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int = 0) {
        b = bytes
        i = start
    }

    func fail(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        let at = offset ?? i
        return JSONSyntaxError(message: message, offset: at, incomplete: at >= b.count)
    }

    @inline(__always) mutating func skipSpace() {
        while i < b.count {
            let c = b[i]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { i += 1 } else { break }
        }
    }

    @inline(__always) mutating func expect(_ c: UInt8, _ what: String) throws(JSONSyntaxError) {
        skipSpace()
        guard i < b.count, b[i] == c else { throw fail("expected \(what)") }
        i += 1
    }

    /// Reads a string token at `i` (which must be `"`); returns the content range and whether
    /// it holds escapes. Validates escapes and rejects control characters.
    @inline(__always) mutating func string() throws(JSONSyntaxError) -> (Range<Int>, Bool) {
        guard i < b.count, b[i] == 0x22 else { throw fail("expected a string") }
        i += 1
        let start = i
        var escaped = false
        while i < b.count {
            // Eight bytes at a time up to the first byte a plain run stops at (a quote,
            // backslash, control or non-ASCII byte), then that byte alone.
            if let base = b.baseAddress, i + 8 <= b.count {
                let stops = Self.stopBytes(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)))
                if stops == 0 { i += 8; continue }
                i += stops.trailingZeroBitCount >> 3
            }
            let c = b[i]
            if c >= 0x20, c < 0x80, c != 0x22, c != 0x5C { i += 1; continue }
            if c == 0x22 { i += 1; return (start..<(i - 1), escaped) }
            if c < 0x20 { throw fail("control character in a string") }
            if c >= 0x80 {
                let n = UTF8Check.sequenceLength(b, at: i)
                guard n > 0 else { throw fail("invalid UTF-8 in a string") }
                i += n
                continue
            }
            if c == 0x5C {
                escaped = true
                i += 1
                guard i < b.count else { break }
                switch b[i] {
                case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: i += 1
                case 0x75:
                    guard i + 4 < b.count else { i = b.count; break }
                    for k in 1...4 where !Self.isHex(b[i + k]) { throw fail("bad \\u escape", at: i + k) }
                    i += 5
                default: throw fail("bad escape")
                }
                continue
            }
            i += 1
        }
        throw fail("unterminated string")
    }

    /// The bytes of a little-endian word of 8 at which a string's plain run stops — `"`,
    /// `\\`, a control character or a byte ≥ 0x80 — as each byte's high bit. The lowest
    /// bit set is always such a byte (a flag above it may be a borrow's, never one below);
    /// zero when there is none.
    @inline(__always) static func stopBytes(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeros(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let quote = zeros(w ^ (ones &* 0x22))
        let backslash = zeros(w ^ (ones &* 0x5C))
        let control = (w &- ones &* 0x20) & ~w & highs
        return quote | backslash | control | (w & highs)
    }

    static func isHex(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
    }

    static func hexValue(_ c: UInt8) -> UInt32 {
        c <= 0x39 ? UInt32(c - 0x30) : (c <= 0x46 ? UInt32(c - 0x41 + 10) : UInt32(c - 0x61 + 10))
    }

    /// The four hex digits of a validated `\\u` escape at `at`.
    private func hex4(_ at: Int) -> UInt32 {
        (Self.hexValue(b[at]) << 12) | (Self.hexValue(b[at + 1]) << 8) | (Self.hexValue(b[at + 2]) << 4) | Self.hexValue(b[at + 3])
    }

    /// The unescaped bytes of a validated string's content (lone surrogates become U+FFFD).
    func unescape(_ r: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(r.count)
        var k = r.lowerBound
        while k < r.upperBound {
            let c = b[k]
            if c != 0x5C { out.append(c); k += 1; continue }
            let e = b[k + 1]
            k += 2
            switch e {
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                var scalar = hex4(k)
                k += 4
                if scalar >= 0xD800, scalar < 0xDC00, k + 6 <= r.upperBound, b[k] == 0x5C, b[k + 1] == 0x75 {
                    let low = hex4(k + 2)
                    if low >= 0xDC00, low < 0xE000 {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        k += 6
                    }
                }
                let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default: out.append(e)
            }
        }
        return out
    }

    /// Whether a validated string's content has a `\\u` escape of a lone surrogate (no
    /// Unicode text has one: `unescape` would make it U+FFFD, so two different strings
    /// would read as one name).
    func hasLoneSurrogate(_ r: Range<Int>) -> Bool {
        var k = r.lowerBound
        while k < r.upperBound {
            guard b[k] == 0x5C else { k += 1; continue }
            guard b[k + 1] == 0x75 else { k += 2; continue }
            let scalar = hex4(k + 2)
            k += 6
            if scalar >= 0xDC00, scalar < 0xE000 { return true }
            guard scalar >= 0xD800, scalar < 0xDC00 else { continue }
            guard k + 6 <= r.upperBound, b[k] == 0x5C, b[k + 1] == 0x75 else { return true }
            let low = hex4(k + 2)
            guard low >= 0xDC00, low < 0xE000 else { return true }
            k += 6
        }
        return false
    }

    /// The bytes of a string token's content, unescaped only when needed.
    func content(_ r: Range<Int>, escaped: Bool) -> [UInt8] {
        escaped ? unescape(r) : Array(b[r])
    }

    /// Reads a number literal at `i`; returns its range.
    @inline(__always) mutating func numberToken() -> Range<Int> {
        let start = i
        while i < b.count {
            let c = b[i]
            if (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x2B || c == 0x2E || c == 0x65 || c == 0x45 { i += 1 } else { break }
        }
        return start..<i
    }

    mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count else { throw fail("unexpected end of input", at: b.count) }
        let p = word.utf8Start
        for k in 0..<n where b[i + k] != p[k] { throw fail("unexpected character") }
        i += n
    }

    /// Skips (and fully validates) one value.
    mutating func skipValue(depth: Int = 0) throws(JSONSyntaxError) {
        skipSpace()
        guard i < b.count else { throw fail("expected a value") }
        switch b[i] {
        case 0x22: _ = try string()
        case 0x7B:
            guard depth < Self.maxDepth else { throw fail("nesting deeper than \(Self.maxDepth)") }
            try object { (s: inout JSONScanner, _: Range<Int>, _: Bool) throws(JSONSyntaxError) in try s.skipValue(depth: depth + 1) }
        case 0x5B:
            guard depth < Self.maxDepth else { throw fail("nesting deeper than \(Self.maxDepth)") }
            try array { (s: inout JSONScanner) throws(JSONSyntaxError) in try s.skipValue(depth: depth + 1) }
        case 0x74: try literal("true")
        case 0x66: try literal("false")
        case 0x6E: try literal("null")
        default:
            let start = i
            let r = numberToken()
            guard !r.isEmpty, Self.isNumber(UnsafeBufferPointer(rebasing: b[r])) else { throw fail("expected a value", at: start) }
        }
    }

    /// Whether text follows the JSON number grammar,
    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isNumber(_ t: String) -> Bool {
        var t = t
        return t.withUTF8 { isNumber($0) }
    }

    /// Whether bytes follow the JSON number grammar (the one grammar: `ActionNumber`'s
    /// reader accepts exactly these literals).
    static func isNumber(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = 0
        let n = u.count
        func digits() -> Int { let s = k; while k < n, u[k] >= 0x30, u[k] <= 0x39 { k += 1 }; return k - s }
        if k < n, u[k] == 0x2D { k += 1 }
        guard k < n else { return false }
        if u[k] == 0x30 { k += 1 } else if digits() == 0 { return false }
        if k < n, u[k] == 0x2E { k += 1; if digits() == 0 { return false } }
        if k < n, u[k] == 0x65 || u[k] == 0x45 {
            k += 1
            if k < n, u[k] == 0x2B || u[k] == 0x2D { k += 1 }
            if digits() == 0 { return false }
        }
        return k == n
    }

    /// Reads an object, calling `member` with each key (content range, escaped) positioned at
    /// its value, which `member` must consume. Duplicate keys are an error.
    mutating func object(_ member: (inout JSONScanner, Range<Int>, Bool) throws(JSONSyntaxError) -> Void) throws(JSONSyntaxError) {
        i += 1   // {
        skipSpace()
        if i < b.count, b[i] == 0x7D { i += 1; return }
        let base = keys.count
        defer { keys.removeLast(keys.count - base) }
        while true {
            skipSpace()
            let keyStart = i
            let (k, escaped) = try string()
            try addKey(k, escaped, at: keyStart, since: base)
            try expect(0x3A, "':'")
            skipSpace()
            try member(&self, k, escaped)
            if try endOfMember() { return }
        }
    }

    /// Records a key of the object whose keys start at `keys[base]`; a duplicate of one
    /// recorded is an error at `start`.
    @inline(__always) mutating func addKey(_ k: Range<Int>, _ escaped: Bool, at start: Int, since base: Int) throws(JSONSyntaxError) {
        var j = base
        while j < keys.count {
            if sameKey(keys[j]..<keys[j + 1], keys[j + 2] != 0, k, escaped) { throw duplicate(k, escaped, at: start) }
            j += 3
        }
        keys.append(k.lowerBound)
        keys.append(k.upperBound)
        keys.append(escaped ? 1 : 0)
    }

    /// After a member's value: true when the object closes there (the `}` is read), false
    /// after a comma.
    @inline(__always) mutating func endOfMember() throws(JSONSyntaxError) -> Bool {
        skipSpace()
        guard i < b.count else { throw fail("expected ',' or '}'") }
        if b[i] == 0x2C { i += 1; return false }
        if b[i] == 0x7D { i += 1; return true }
        throw fail("expected ',' or '}'")
    }

    func duplicate(_ k: Range<Int>, _ escaped: Bool, at start: Int) -> JSONSyntaxError {
        fail("duplicate key \"\(String(decoding: content(k, escaped: escaped), as: UTF8.self))\"", at: start)
    }

    /// Whether a string's content (unescaped) is `word`, without copying it.
    func content(_ r: Range<Int>, escaped: Bool, is word: StaticString) -> Bool {
        let w = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        if escaped { return unescape(r).elementsEqual(w) }
        guard r.count == w.count else { return false }
        for k in 0..<w.count where b[r.lowerBound + k] != w[k] { return false }
        return true
    }

    func sameKey(_ a: Range<Int>, _ ae: Bool, _ c: Range<Int>, _ ce: Bool) -> Bool {
        if !ae && !ce { return a.count == c.count && b[a].elementsEqual(b[c]) }
        return content(a, escaped: ae) == content(c, escaped: ce)
    }

    /// Reads an array, calling `element` positioned at each element.
    mutating func array(_ element: (inout JSONScanner) throws(JSONSyntaxError) -> Void) throws(JSONSyntaxError) {
        i += 1   // [
        skipSpace()
        if i < b.count, b[i] == 0x5D { i += 1; return }
        while true {
            skipSpace()
            try element(&self)
            skipSpace()
            guard i < b.count else { throw fail("expected ',' or ']'") }
            if b[i] == 0x2C { i += 1; continue }
            if b[i] == 0x5D { i += 1; return }
            throw fail("expected ',' or ']'")
        }
    }

    /// Reads one value as a tree.
    mutating func value(depth: Int = 0) throws(JSONSyntaxError) -> JSONValue {
        skipSpace()
        guard i < b.count else { throw fail("expected a value") }
        switch b[i] {
        case 0x22:
            let (r, e) = try string()
            return .string(content(r, escaped: e))
        case 0x7B:
            guard depth < Self.maxDepth else { throw fail("nesting deeper than \(Self.maxDepth)") }
            var members: [([UInt8], JSONValue)] = []
            try object { (s: inout JSONScanner, k: Range<Int>, e: Bool) throws(JSONSyntaxError) in
                members.append((s.content(k, escaped: e), try s.value(depth: depth + 1)))
            }
            return .object(members)
        case 0x5B:
            guard depth < Self.maxDepth else { throw fail("nesting deeper than \(Self.maxDepth)") }
            var items: [JSONValue] = []
            try array { (s: inout JSONScanner) throws(JSONSyntaxError) in items.append(try s.value(depth: depth + 1)) }
            return .array(items)
        case 0x74: try literal("true"); return .bool(true)
        case 0x66: try literal("false"); return .bool(false)
        case 0x6E: try literal("null"); return .null
        default:
            let start = i
            let r = numberToken()
            guard let n = ActionNumber(literal: UnsafeBufferPointer(rebasing: b[r])) else {
                throw fail(r.isEmpty ? "expected a value" : "malformed number", at: start)
            }
            return .number(n)
        }
    }
}

/// UTF-8 validation with an ASCII fast path.
enum UTF8Check {
    static func isValid(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        guard let base = b.baseAddress else { return true }
        while i < n {
            // Eight ASCII bytes at a time.
            while i + 8 <= n, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            guard i < n else { break }
            if b[i] < 0x80 { i += 1; continue }
            let need = sequenceLength(b, at: i)
            if need == 0 { return false }
            i += need
        }
        return true
    }

    /// The length of the well-formed UTF-8 sequence at `i` (a byte ≥ 0x80 starts it): 2 to
    /// 4, or 0 when it is malformed, overlong, a surrogate or beyond U+10FFFF.
    static func sequenceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let c = b[i]
        var need = 0
        var minScalar: UInt32 = 0
        var scalar: UInt32
        if c & 0xE0 == 0xC0 { need = 1; scalar = UInt32(c & 0x1F); minScalar = 0x80 }
        else if c & 0xF0 == 0xE0 { need = 2; scalar = UInt32(c & 0x0F); minScalar = 0x800 }
        else if c & 0xF8 == 0xF0 { need = 3; scalar = UInt32(c & 0x07); minScalar = 0x10000 }
        else { return 0 }
        guard i + need < b.count else { return 0 }
        for k in 1...need {
            let d = b[i + k]
            guard d & 0xC0 == 0x80 else { return 0 }
            scalar = scalar << 6 | UInt32(d & 0x3F)
        }
        if scalar < minScalar || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar < 0xE000) { return 0 }
        return need + 1
    }
}
