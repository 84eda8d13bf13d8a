import Testing
@testable import HITLPolicy

/// The strict RFC 8259 reader of action lines (Action/JSONScanner.swift): strings and their
/// escapes, number tokens, nesting, duplicate keys, whitespace and truncated input.
@Suite("JSON scanner")
struct JSONScannerTests {
    /// Reads one value from `bytes` and requires the whole input to be consumed.
    static func read(_ bytes: [UInt8]) -> Result<JSONValue, JSONSyntaxError> {
        bytes.withUnsafeBufferPointer { buffer in
            var s = JSONScanner(buffer)
            do throws(JSONSyntaxError) {
                let v = try s.value()
                s.skipSpace()
                guard s.i == buffer.count else { return .failure(JSONSyntaxError(message: "trailing text", offset: s.i)) }
                return .success(v)
            } catch {
                return .failure(error)
            }
        }
    }

    static func read(_ text: String) -> Result<JSONValue, JSONSyntaxError> { read(Array(text.utf8)) }

    /// Validates with `skipValue` (the path the evaluator uses for fields it ignores) and
    /// requires the whole input to be consumed; returns the offset reached, or the error.
    static func skip(_ bytes: [UInt8]) -> Result<Int, JSONSyntaxError> {
        bytes.withUnsafeBufferPointer { buffer in
            var s = JSONScanner(buffer)
            do throws(JSONSyntaxError) {
                try s.skipValue()
                s.skipSpace()
                guard s.i == buffer.count else { return .failure(JSONSyntaxError(message: "trailing text", offset: s.i)) }
                return .success(s.i)
            } catch {
                return .failure(error)
            }
        }
    }

    static func error(_ r: Result<JSONValue, JSONSyntaxError>) -> JSONSyntaxError? {
        if case .failure(let e) = r { return e }
        return nil
    }

    /// A compact, typed rendering to compare trees (strings show their bytes as text).
    static func render(_ v: JSONValue) -> String {
        switch v {
        case .string(let b): "s(\(String(decoding: b, as: UTF8.self)))"
        case .number(let n): "n(\(n))"
        case .bool(let b): "b(\(b))"
        case .null: "null"
        case .array(let xs): "[" + xs.map(render).joined(separator: ",") + "]"
        case .object(let ms): "{" + ms.map { "\(String(decoding: $0.0, as: UTF8.self)):\(render($0.1))" }.joined(separator: ",") + "}"
        }
    }

    static func stringBytes(_ json: String) throws -> [UInt8] {
        guard case .success(.string(let b)) = read(json) else {
            Issue.record("not a string: \(json)")
            return []
        }
        return b
    }

    // MARK: strings

    @Test("escapes decode to their bytes", arguments: [
        (#""abc""#, Array("abc".utf8)),
        (#""a\"b""#, Array("a\"b".utf8)),
        (#""\\\/""#, Array("\\/".utf8)),
        (#""\b\f\n\r\t""#, [0x08, 0x0C, 0x0A, 0x0D, 0x09]),
        (#""\u0041\u00e9\u00E9""#, Array("Aéé".utf8)),
        (#""\u0000""#, [0x00]),
        (#""\u20AC""#, [0xE2, 0x82, 0xAC]),
        (#""\ud83d\ude00""#, [0xF0, 0x9F, 0x98, 0x80]),                 // surrogate pair
        (#""\uD834\uDD1E!""#, [0xF0, 0x9D, 0x84, 0x9E, 0x21]),
        (#""\ud83d""#, [0xEF, 0xBF, 0xBD]),                              // lone high: U+FFFD
        (#""\ude00x""#, [0xEF, 0xBF, 0xBD, 0x78]),                       // lone low
        (#""\ud83dx""#, [0xEF, 0xBF, 0xBD, 0x78]),
        (#""\ud83d\u0041""#, [0xEF, 0xBF, 0xBD, 0x41]),                  // high then not a low
        (#""\ud83d\ud83d\ude00""#, [0xEF, 0xBF, 0xBD, 0xF0, 0x9F, 0x98, 0x80]),
        ("\"caf\u{e9} \u{1F600}\"", Array("caf\u{e9} \u{1F600}".utf8)),  // raw UTF-8 passes through
    ] as [(String, [UInt8])])
    func escapes(json: String, bytes: [UInt8]) throws {
        #expect(try Self.stringBytes(json) == bytes)
    }

    @Test("lone surrogate escapes are detected", arguments: [
        (#""\ud83d\ude00""#, false), (#""abc""#, false), (#""\u00e9\n""#, false), (#""\\ud83d""#, false),
        (#""\ud83d""#, true), (#""\ude00""#, true), (#""x\udfff""#, true), (#""\ud800\u0041""#, true),
        (#""\ud83d\ude00\ud83d""#, true), (#""\udbff\udfff""#, false), (#""\ud83dx\ude00""#, true),
    ])
    func loneSurrogates(json: String, lone: Bool) {
        let bytes = Array(json.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var s = JSONScanner(buffer)
            do throws(JSONSyntaxError) {
                let (range, _) = try s.string()
                #expect(s.hasLoneSurrogate(range) == lone, "\(json)")
            } catch {
                Issue.record("\(json): \(error.message)")
            }
        }
    }

    @Test("malformed strings are refused with the reason and the offset", arguments: [
        ([0x22, 0x61, 0x01, 0x22], "control character in a string", 2),
        ([0x22, 0x09, 0x22], "control character in a string", 1),                 // raw tab
        ([0x22, 0x0A, 0x22], "control character in a string", 1),                 // raw newline
        ([0x22, 0x1F, 0x22], "control character in a string", 1),
        (Array(#""\x""#.utf8), "bad escape", 2),
        (Array(#""\'""#.utf8), "bad escape", 2),
        (Array(#""\u12G4""#.utf8), "bad \\u escape", 5),
        (Array(#""\U0041""#.utf8), "bad escape", 2),
        (Array(#""abc"#.utf8), "unterminated string", 4),
        ([0x22, 0xC0, 0x80, 0x22], "invalid UTF-8 in a string", 1),                // overlong NUL
        ([0x22, 0xE0, 0x80, 0xAF, 0x22], "invalid UTF-8 in a string", 1),          // overlong /
        ([0x22, 0xED, 0xA0, 0x80, 0x22], "invalid UTF-8 in a string", 1),          // encoded surrogate
        ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], "invalid UTF-8 in a string", 1),    // beyond U+10FFFF
        ([0x22, 0x80, 0x22], "invalid UTF-8 in a string", 1),                      // lone continuation
        ([0x22, 0xE2, 0x82, 0x22], "invalid UTF-8 in a string", 1),                // cut sequence
        ([0x22, 0xFF, 0x22], "invalid UTF-8 in a string", 1),
    ] as [([UInt8], String, Int)])
    func malformedStrings(bytes: [UInt8], message: String, offset: Int) throws {
        let e = try #require(Self.error(Self.read(bytes)))
        #expect(e.message == message)
        #expect(e.offset == offset)
        #expect(e.incomplete == (offset == bytes.count))
        guard case .failure = Self.skip(bytes) else { Issue.record("skipValue accepted \(bytes)"); return }
    }

    // MARK: numbers

    @Test("number tokens follow the JSON grammar", arguments: [
        ("0", "0"), ("-0", "0"), ("12.50", "12.5"), ("5e3", "5000"), ("5E+3", "5000"), ("1.5e-3", "0.0015"),
        ("-7", "-7"), ("0.000", "0"), ("1e100000", nil), ("123456789012345678901234567890.125", "123456789012345678901234567890.125"),
    ] as [(String, String?)])
    func numbers(literal: String, text: String?) throws {
        guard case .success(.number(let n)) = Self.read(literal) else {
            Issue.record("not read: \(literal)")
            return
        }
        if let text { #expect(n.description == text) }
        #expect(n.exact == ExactDecimal(parsing: literal))
    }

    @Test("malformed number tokens", arguments: [
        "01", "-01", "00", "1.", ".5", "+1", "-", "1e", "1e+", "1E-", "--1", "1.e5", "0x10", "1..2", "1e5.5",
        "1-2", "2+3", "Infinity", "NaN", "-Infinity",
    ])
    func malformedNumbers(literal: String) throws {
        #expect(Self.error(Self.read(literal)) != nil)
        guard case .failure = Self.skip(Array(literal.utf8)) else { Issue.record("skipValue accepted \(literal)"); return }
    }

    /// Grammatical, but beyond the exponent bound of exact arithmetic: refused as a value;
    /// `skipValue` (fields no rule reads) checks the grammar only.
    @Test("exponents beyond ±100,000", arguments: ["1e100001", "1e-100001", "-5E+999999"])
    func exponentBeyondBound(literal: String) throws {
        let e = try #require(Self.error(Self.read(literal)))
        #expect(e.message == "malformed number")
        #expect((try? Self.skip(Array(literal.utf8)).get()) == literal.utf8.count)
    }

    @Test("numberValue tells an out-of-range exponent from a malformed number", arguments: [
        ("1e100001", "number exponent beyond ±100000"), ("-2.5E-100001", "number exponent beyond ±100000"),
        ("01", "malformed number"), ("1.", "malformed number"), ("-", "malformed number"), ("1e+", "malformed number"),
    ])
    func numberValueErrors(literal: String, message: String) {
        let bytes = Array(literal.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var s = JSONScanner(buffer)
            do throws(JSONSyntaxError) {
                _ = try s.numberValue()
                Issue.record("accepted \(literal)")
            } catch {
                #expect(error.message == message)
                #expect(error.offset == 0)
            }
        }
    }

    @Test func numberValueReadsOnlyNumbers() throws {
        let bytes = Array(#"  12.50 , "12""#.utf8)
        try bytes.withUnsafeBufferPointer { buffer in
            var s = JSONScanner(buffer)
            let (n, range) = try #require(try s.numberValue())
            #expect(n.description == "12.5")
            #expect(range == 2..<7)
            s.i = 10
            #expect(try s.numberValue() == nil)
            #expect(s.valueKind == 0x22)
            #expect(JSONScanner.typeName(s.valueKind) == "a string")
        }
    }

    // MARK: structure

    @Test("values read as trees", arguments: [
        (#"{"a":[1,true,false,null,"x"],"b":{"c":{}}}"#, "{a:[n(1),b(true),b(false),null,s(x)],b:{c:{}}}"),
        (#"[]"#, "[]"),
        (#"[[],[[]]]"#, "[[],[[]]]"),
        (#"{"k\u00e9":"v"}"#, "{ké:s(v)}"),
        (" \t\r\n{ \"a\" :\t1 ,\n\"b\"\r: [ 2 , 3 ] } \n", "{a:n(1),b:[n(2),n(3)]}"),
    ])
    func trees(json: String, rendered: String) {
        guard case .success(let v) = Self.read(json) else { Issue.record("not read: \(json)"); return }
        #expect(Self.render(v) == rendered)
        #expect((try? Self.skip(Array(json.utf8)).get()) == json.utf8.count)
    }

    @Test("whitespace is only space, tab, CR and LF", arguments: [
        [0x0C, 0x31], [0x0B, 0x31], [0xC2, 0xA0, 0x31], [0x5B, 0x31, 0x0C, 0x5D], [0x7B, 0xE2, 0x80, 0x83, 0x7D],
    ] as [[UInt8]])
    func otherWhitespace(bytes: [UInt8]) {
        #expect(Self.error(Self.read(bytes)) != nil)
    }

    @Test("malformed structure", arguments: [
        "[1,]", "[,1]", "[1 2]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{\"a\":}", "{,}", "[", "{", "]", "}",
        "tru", "nul", "True", "[1}", "{\"a\":1]", "{1:2}", "'x'",
    ])
    func malformedStructure(json: String) {
        #expect(Self.error(Self.read(json)) != nil, "\(json)")
        guard case .failure = Self.skip(Array(json.utf8)) else { Issue.record("skipValue accepted \(json)"); return }
    }

    static func nested(_ depth: Int, open: String, close: String) -> String {
        String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth)
    }

    @Test("nesting is bounded at 64 levels", arguments: [("[", "]"), ("{\"k\":", "}")])
    func nestingLimit(open: String, close: String) throws {
        let limit = JSONScanner.maxDepth
        #expect(limit == 64)
        let ok = Self.nested(limit, open: open, close: close)
        let deep = Self.nested(limit + 1, open: open, close: close)
        guard case .success = Self.read(ok) else { Issue.record("refused \(limit) levels"); return }
        #expect((try? Self.skip(Array(ok.utf8)).get()) == ok.utf8.count)
        let e = try #require(Self.error(Self.read(deep)))
        #expect(e.message == "nesting deeper than 64")
        #expect(e.offset == limit * open.utf8.count)
        guard case .failure(let s) = Self.skip(Array(deep.utf8)) else { Issue.record("skipValue accepted 65 levels"); return }
        #expect(s.message == e.message)
    }

    @Test func deepNestingFailsWithoutExhaustingTheStack() {
        let bomb = String(repeating: "[", count: 100_000)
        #expect(Self.error(Self.read(bomb))?.message == "nesting deeper than 64")
    }

    // MARK: duplicate keys

    @Test("duplicate keys, compared after unescaping", arguments: [
        (#"{"a":1,"a":2}"#, 7),
        (#"{"a":1,"b":2,"a":3}"#, 13),
        (#"{"a":1,"\u0061":2}"#, 7),
        (#"{"\u00e9":1,"é":2}"#, 12),
        (#"{"x":{"b":1,"b\/":2,"b":3}}"#, 20),
    ])
    func duplicates(json: String, offset: Int) throws {
        let e = try #require(Self.error(Self.read(json)))
        #expect(e.message.hasPrefix("duplicate key \""))
        #expect(e.offset == offset)
        guard case .failure = Self.skip(Array(json.utf8)) else { Issue.record("skipValue accepted \(json)"); return }
    }

    @Test("keys that only look alike are distinct", arguments: [
        #"{"a":{"a":1},"b":{"a":2}}"#,
        #"[{"a":1},{"a":1}]"#,
        #"{"a":1,"A":2,"a ":3}"#,
        #"{"e\u0301":1,"é":2}"#,          // no normalisation: two spellings, two keys
        #"{"a":{"b":1},"b":2}"#,
    ])
    func distinctKeys(json: String) {
        guard case .success = Self.read(json) else { Issue.record("refused \(json)"); return }
    }

    /// `string()` reads eight bytes at a time up to the first byte that may end a plain run;
    /// on random strings over an alphabet of such bytes (quotes, backslashes, escapes,
    /// control, multi-byte and invalid UTF-8) it ends, fails or flags escapes exactly where
    /// a byte-by-byte reading does.
    @Test func stringScanMatchesBytewiseReading() {
        let alphabet: [UInt8] = [0x61, 0x5A, 0x20, 0x22, 0x5C, 0x6E, 0x75, 0x30, 0x41, 0x01, 0x1F, 0x7F, 0xC3, 0xA9, 0xFF, 0xE2, 0x82, 0xAC]
        var state: UInt64 = 0x1234_5678
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        /// The reading before words: one byte at a time.
        func bytewise(_ b: [UInt8]) -> String {
            var i = 1
            var escaped = false
            while i < b.count {
                let c = b[i]
                if c >= 0x20, c < 0x80, c != 0x22, c != 0x5C { i += 1; continue }
                if c == 0x22 { return "ok \(1..<i) \(escaped)" }
                if c < 0x20 { return "control character in a string @\(i)" }
                if c >= 0x80 {
                    let n = b.withUnsafeBufferPointer { UTF8Check.sequenceLength($0, at: i) }
                    guard n > 0 else { return "invalid UTF-8 in a string @\(i)" }
                    i += n
                    continue
                }
                escaped = true
                i += 1
                guard i < b.count else { break }
                switch b[i] {
                case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: i += 1
                case 0x75:
                    guard i + 4 < b.count else { i = b.count; break }
                    for k in 1...4 where !JSONScanner.isHex(b[i + k]) { return "bad \\u escape @\(i + k)" }
                    i += 5
                default: return "bad escape @\(i)"
                }
            }
            return "unterminated string @\(b.count)"
        }
        for round in 0..<20_000 {
            let length = next() % 40
            var bytes: [UInt8] = [0x22]
            for _ in 0..<length { bytes.append(next() % 3 == 0 ? alphabet[next() % alphabet.count] : 0x61 + UInt8(next() % 26)) }
            if round % 2 == 0 { bytes.append(0x22) }
            let got: String = bytes.withUnsafeBufferPointer { buffer in
                var s = JSONScanner(buffer)
                do throws(JSONSyntaxError) {
                    let (r, escaped) = try s.string()
                    return "ok \(r) \(escaped)"
                } catch {
                    return "\(error.message) @\(error.offset)"
                }
            }
            #expect(got == bytewise(bytes), "\(bytes)")
        }
    }

    /// `fieldObject` (an action's top level: a field's repeat found by its bit, other keys
    /// compared with each other) finds exactly the duplicates `object` finds, at the same
    /// offset and with the same message, and hands each key's field to the member reader.
    @Test("fieldObject finds the duplicates object finds", arguments: [
        #"{"capability":"a","capability":"b"}"#,
        #"{"capability":"a","\u0063apability":"b"}"#,
        #"{"agent":1,"agent":2}"#,
        #"{"agent":1,"\u0061gent":2}"#,
        #"{"agent":1,"capability":"a","agent":2}"#,
        #"{"id":1,"agent":1,"id":2}"#,
        #"{"tags":[],"tag":[],"tags ":[]}"#,
        #"{"amount":1,"confidence":0.5,"blast_radius":1,"reversible":true,"tags":[],"attributes":{},"id":1,"capability":"x"}"#,
        #"{"amount":1,"x":{"a":1,"a":2}}"#,
        #"{"e\u0301":1,"é":2,"é":3}"#,
        #"{}"#,
    ])
    func fieldObjectMatchesObject(json: String) {
        let bytes = Array(json.utf8)
        func run(_ fields: Bool) -> (String?, Int?, [String]) {
            bytes.withUnsafeBufferPointer { buffer in
                var s = JSONScanner(buffer)
                var seen: [String] = []
                do throws(JSONSyntaxError) {
                    if fields {
                        try s.fieldObject(ActionKeys.shared) { (s: inout JSONScanner, f: ActionField?, _: Range<Int>, _: Bool) throws(JSONSyntaxError) in
                            seen.append(f?.description ?? "-")
                            try s.skipValue(depth: 1)
                        }
                    } else {
                        try s.object { (s: inout JSONScanner, k: Range<Int>, e: Bool) throws(JSONSyntaxError) in
                            seen.append(ActionKeys.shared.field(bytes: s.content(k, escaped: e))?.description ?? "-")
                            try s.skipValue(depth: 1)
                        }
                    }
                    return (nil, nil, seen)
                } catch {
                    return (error.message, error.offset, seen)
                }
            }
        }
        let (a, b) = (run(true), run(false))
        #expect(a.0 == b.0 && a.1 == b.1 && a.2 == b.2, "fieldObject \(a), object \(b)")
    }

    @Test func duplicateMessageNamesTheKey() throws {
        let e = try #require(Self.error(Self.read(#"{"amount":1,"am\u006funt":2}"#)))
        #expect(e.message == #"duplicate key "amount""#)
    }

    // MARK: truncated input

    /// Every proper prefix of a document fails; a prefix that stops between tokens or
    /// inside a string or literal is marked incomplete (the evaluator then reads on, for
    /// pretty-printed objects).
    @Test func truncatedInputFails() {
        let doc = #"{"a": [1, -2.5e3, "x\u00e9\n", true, null], "b": {"c": false}, "d": "\ud83d\ude00"}"#
        let bytes = Array(doc.utf8)
        guard case .success = Self.read(bytes) else { Issue.record("refused the whole document"); return }
        for n in 0..<bytes.count {
            let prefix = Array(bytes[..<n])
            guard let e = Self.error(Self.read(prefix)) else { Issue.record("accepted the prefix \(n)"); continue }
            let last = n > 0 ? bytes[n - 1] : 0
            // A number cut after a sign, point or exponent mark is malformed, not incomplete.
            let cutNumber = [UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "e")].contains(last) && !Self.inString(bytes, n)
            if !cutNumber { #expect(e.incomplete, "prefix \(n): \(String(decoding: prefix, as: UTF8.self)) → \(e.message)") }
            guard case .failure = Self.skip(prefix) else { Issue.record("skipValue accepted the prefix \(n)"); continue }
        }
    }

    /// Whether the cut at `n` falls inside a string.
    static func inString(_ b: [UInt8], _ n: Int) -> Bool {
        var inside = false, k = 0
        while k < n {
            if inside, b[k] == 0x5C { k += 2; continue }
            if b[k] == 0x22 { inside.toggle() }
            k += 1
        }
        return inside
    }
}
