/// A policy's bytes with what an edit must copy from them: the line break in use, lines and
/// their indentation, and where comments lie.
struct SourceText {
    let bytes: [UInt8]
    /// The file's line break (`\r\n`, `\n` or `\r`): the first one written, else `\n`.
    let newline: String
    /// Bytes of the byte order mark (0 or 3).
    let bom: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var newline = "\n"
        if let i = bytes.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
            newline = bytes[i] == 0x0A ? "\n" : (i + 1 < bytes.count && bytes[i + 1] == 0x0A ? "\r\n" : "\r")
        }
        self.newline = newline
    }

    /// The length of the line break ending at `i` (`\n`, `\r\n`, `\r`, and the Unicode breaks
    /// YAML 1.1 readers such as libyaml honour: NEL, LS, PS), counted from `i`; 0 if none.
    func breakLength(at i: Int) -> Int {
        guard i < bytes.count else { return 0 }
        switch bytes[i] {
        case 0x0A: return 1
        case 0x0D: return i + 1 < bytes.count && bytes[i + 1] == 0x0A ? 2 : 1
        case 0xC2: return i + 1 < bytes.count && bytes[i + 1] == 0x85 ? 2 : 0
        case 0xE2: return i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9) ? 3 : 0
        default: return 0
        }
    }

    /// Whether a line starts at `i` (just after a line break, or at the start of the text).
    func isLineStart(_ i: Int) -> Bool {
        if i <= bom { return true }
        let b = bytes[i - 1]
        if b == 0x0A || b == 0x85 || b == 0xA8 || b == 0xA9 {
            return b == 0x0A || breakLength(at: i - (b == 0x85 ? 2 : 3)) > 0
        }
        return b == 0x0D && (i >= bytes.count || bytes[i] != 0x0A)
    }

    /// The offset where the line holding `i` starts (after the byte order mark on line 1).
    func lineStart(_ i: Int) -> Int {
        var j = min(i, bytes.count)
        while j > bom && !isLineStart(j) { j -= 1 }
        return max(j, bom)
    }

    /// The offset just after the line break that ends the line holding the byte before `i`
    /// (so a range ending at `i` and this offset cover whole lines); the end of the text
    /// when the last line has no break. An `i` at a line start is returned as it is.
    func lineEnd(after i: Int) -> Int {
        if i > bom && isLineStart(i) { return i }
        var j = i
        while j < bytes.count {
            let n = breakLength(at: j)
            if n > 0 { return j + n }
            j += 1
        }
        return bytes.count
    }

    /// Whether the text ends at `i` without a line break before it.
    func endsUnbroken(at i: Int) -> Bool { i >= bytes.count && !isLineStart(i) }

    /// The spaces before `i` on its line, if only spaces lie there.
    func indentation(of i: Int) -> String? {
        let start = lineStart(i)
        guard bytes[start..<i].allSatisfy({ $0 == 0x20 }) else { return nil }
        return String(repeating: " ", count: i - start)
    }

    /// The comments (`# …`, without their line break) that start in `range`, which holds no
    /// scalar: a `#` at a line start or after a space or tab starts one.
    func comments(in range: Range<Int>) -> [String] {
        var out: [String] = []
        var i = range.lowerBound
        while i < range.upperBound {
            if bytes[i] == UInt8(ascii: "#") && (isLineStart(i) || bytes[i - 1] == 0x20 || bytes[i - 1] == 0x09) {
                var j = i
                while j < bytes.count && breakLength(at: j) == 0 { j += 1 }
                out.append(String(decoding: bytes[i..<j], as: UTF8.self))
                i = j
            } else {
                i += 1
            }
        }
        return out
    }

    /// The bytes from `a` to `b`, empty when `b` comes first (YAML puts a key before its
    /// value and a value before the next key, so it never does; a range that traps is
    /// never built all the same).
    func span(_ a: Int, _ b: Int) -> Range<Int> { a..<max(a, b) }
}
