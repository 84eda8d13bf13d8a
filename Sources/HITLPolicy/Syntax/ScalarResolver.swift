/// Resolves plain scalars by the YAML 1.2 core schema (not YAML 1.1: `yes`, `no`, `on`,
/// `off` stay strings).
enum ScalarResolver {
    static func resolve(_ text: String, style: ScalarStyle, tag: String?) -> ScalarValue? {
        if let tag {
            switch tag {
            case "!", "tag:yaml.org,2002:str": return .string(text)
            case "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool",
                "tag:yaml.org,2002:int", "tag:yaml.org,2002:float":
                let value = resolvePlain(text)
                switch (tag, value) {
                case ("tag:yaml.org,2002:null", .null), ("tag:yaml.org,2002:bool", .bool),
                    ("tag:yaml.org,2002:int", .int), ("tag:yaml.org,2002:float", .float),
                    ("tag:yaml.org,2002:float", .int):
                    return value
                default: return nil
                }
            default: return nil
            }
        }
        return style == .plain ? resolvePlain(text) : .string(text)
    }

    static func resolvePlain(_ text: String) -> ScalarValue {
        // Most plain scalars are names: a first byte that starts no null, boolean or number
        // settles it without comparing against every keyword.
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
             UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
             UInt8(ascii: "f"), UInt8(ascii: "F"):
            break
        default:
            return .string(text)
        }
        // No keyword starts with a digit: numbers skip the keyword comparisons.
        if first > UInt8(ascii: "9") || first < UInt8(ascii: "0") {
            if let keyword = keyword(text) { return keyword }
        }
        if first > UInt8(ascii: "9") { return .string(text) }   // n, N, t, T, f, F, ~ and not a keyword
        let u = Array(text.utf8)
        if isInteger(u) { return .int(text) }
        if isFloat(u) { return .float(text) }
        return .string(text)
    }

    /// The null, boolean and special float keywords.
    private static func keyword(_ text: String) -> ScalarValue? {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
            ".nan", ".NaN", ".NAN":
            return .float(text)
        default: return nil
        }
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    private static func isInteger(_ u: [UInt8]) -> Bool {
        if u.count > 2, u[0] == 0x30, u[1] == UInt8(ascii: "o") {
            return u[2...].allSatisfy { $0 >= 0x30 && $0 <= 0x37 }
        }
        if u.count > 2, u[0] == 0x30, u[1] == UInt8(ascii: "x") {
            return u[2...].allSatisfy { isDigit($0) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }
        }
        var i = 0
        if i < u.count, u[i] == UInt8(ascii: "-") || u[i] == UInt8(ascii: "+") { i += 1 }
        return i < u.count && u[i...].allSatisfy(isDigit)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isFloat(_ u: [UInt8]) -> Bool {
        var i = 0
        if i < u.count, u[i] == UInt8(ascii: "-") || u[i] == UInt8(ascii: "+") { i += 1 }
        var intDigits = 0
        while i < u.count, isDigit(u[i]) { i += 1; intDigits += 1 }
        var fracDigits = 0
        if i < u.count, u[i] == UInt8(ascii: ".") {
            i += 1
            while i < u.count, isDigit(u[i]) { i += 1; fracDigits += 1 }
        }
        if intDigits == 0 && fracDigits == 0 { return false }
        if i < u.count, u[i] == UInt8(ascii: "e") || u[i] == UInt8(ascii: "E") {
            i += 1
            if i < u.count, u[i] == UInt8(ascii: "-") || u[i] == UInt8(ascii: "+") { i += 1 }
            var expDigits = 0
            while i < u.count, isDigit(u[i]) { i += 1; expDigits += 1 }
            if expDigits == 0 { return false }
        }
        return i == u.count
    }
}
