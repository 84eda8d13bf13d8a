/// How the rewriter writes the few scalars it writes: capability names as keys, and the
/// words `autonomous`, `approval`, `true`, `false` in the style of the value they replace.
enum YAMLWriting {
    /// libyaml takes a plain or quoted key of at most 1024 characters on one line.
    static let maxKeyBytes = 1000

    /// `name` as a mapping key that reads back as exactly these bytes: plain when it is a
    /// simple name the core schema reads as a string, else double-quoted with escapes. Nil
    /// when no key can say it (too long for a simple key).
    static func key(_ name: String) -> String? {
        let plain = plainKey(name) ? name : doubleQuoted(name)
        return plain.utf8.count <= maxKeyBytes ? plain : nil
    }

    /// Letters, digits and `_ . / -`, starting with a letter, digit or `_`, and read as a
    /// string (not `true`, `null`, `1e3`, `0x10`, …).
    static func plainKey(_ name: String) -> Bool {
        guard let first = name.utf8.first, isWordByte(first), first != UInt8(ascii: "-"), first != UInt8(ascii: "."),
              first != UInt8(ascii: "/"), name.utf8.allSatisfy(isWordByte) else { return false }
        return ScalarResolver.resolvePlain(name) == .string(name)
    }

    static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
            || b == UInt8(ascii: "_") || b == UInt8(ascii: ".") || b == UInt8(ascii: "/") || b == UInt8(ascii: "-")
    }

    /// A double-quoted scalar: `\` and `"` escaped, and every character YAML does not print
    /// (controls, the byte order mark, surrogates' neighbours, line separators) as `\u`/`\U`.
    static func doubleQuoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u.value {
            case 0x5C: out += "\\\\"
            case 0x22: out += "\\\""
            case 0x20...0x7E, 0xA0...0x2027, 0x202A...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD, 0x10000...0x10FFFF:
                out.unicodeScalars.append(u)
            default:
                let hex = String(u.value, radix: 16, uppercase: true)
                out += u.value <= 0xFFFF ? "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    : "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
            }
        }
        return out + "\""
    }

    /// `word` written as the scalar `node` was (plain, or in the same quotes); block scalars
    /// and aliases become plain.
    static func word(_ word: String, like node: YAMLSpanTree.Node) -> String {
        guard node.kind == .scalar else { return word }
        switch node.style {
        case .singleQuoted: return "'\(word)'"
        case .doubleQuoted: return "\"\(word)\""
        default: return word
        }
    }
}
