extension String {
    /// This text with every control character written out as visible text, for the text
    /// formats that show names, paths and messages from files under review (test text and TAP,
    /// lint text, GitHub annotations): a case named with `ESC[2K`, `\r` or a line feed must
    /// not erase or forge a line on a terminal or in a CI log. Line feed, carriage return and
    /// tab become `\n`, `\r`, `\t`; every other C0 control, DEL, C1 control (U+0080-U+009F,
    /// where a terminal may read U+009B as an escape sequence), line and paragraph separator
    /// and bidirectional embedding, override or isolate becomes `\u{…}` (lowercase hex, the
    /// form JUnit output uses). Everything else, backslashes included, is left as it is.
    package var escapingControlCharacters: String {
        // Every such scalar's UTF-8 starts with a byte below 0x20, 0x7F, 0xC2 (U+0080-U+009F)
        // or 0xE2 (U+2028-U+2069): text without those bytes is returned as it is.
        guard utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }),
              unicodeScalars.contains(where: Self.needsEscape) else { return self }
        var out = ""
        out.reserveCapacity(utf8.count + 8)
        for u in unicodeScalars {
            switch u {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if Self.needsEscape(u) { out += "\\u{\(String(u.value, radix: 16))}" } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    /// Control characters (Unicode category Cc), line and paragraph separators, and the
    /// bidirectional controls that reorder what follows them on screen.
    static func needsEscape(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
