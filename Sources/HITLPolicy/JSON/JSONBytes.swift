/// Appends JSON text to a byte buffer (strings escaped per RFC 8259, `/` left alone).
extension Array where Element == UInt8 {
    /// `s` as a JSON string. With `shortEscapes`, backspace and form feed are written
    /// `\b` and `\f` (as `JSONEncoder` writes them, for the table artifact); otherwise as
    /// `\u0008` and `\u000c`.
    mutating func appendJSONString(_ s: String, shortEscapes: Bool = false) {
        append(0x22)
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            append(contentsOf: s.utf8)
            append(0x22)
            return
        }
        for c in s.utf8 {
            switch c {
            case 0x22: append(0x5C); append(0x22)
            case 0x5C: append(0x5C); append(0x5C)
            case 0x0A: append(0x5C); append(0x6E)
            case 0x0D: append(0x5C); append(0x72)
            case 0x09: append(0x5C); append(0x74)
            case 0x08 where shortEscapes: append(0x5C); append(0x62)
            case 0x0C where shortEscapes: append(0x5C); append(0x66)
            case 0..<0x20:
                let hex: StaticString = "0123456789abcdef"
                append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex.utf8Start[Int(c >> 4)], hex.utf8Start[Int(c & 15)]])
            default: append(c)
            }
        }
        append(0x22)
    }

    mutating func appendJSONString(bytes: [UInt8]) {
        appendJSONString(String(decoding: bytes, as: UTF8.self))
    }

    mutating func append(_ s: String) { append(contentsOf: s.utf8) }

    /// A literal's bytes, copied as they are (no trip through `String`'s UTF-8 view).
    mutating func appendStatic(_ s: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    mutating func appendInt(_ n: Int) {
        if n < 0 { append(0x2D) }
        appendDigits(UInt64(n.magnitude))
    }

    /// The decimal digits of `v`, most significant first.
    mutating func appendDigits(_ v: UInt64) {
        if v < 10 { append(UInt8(v) + 0x30); return }
        // Backwards into a small buffer, then one append.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var k = 20
            var rest = v
            while rest > 0 {
                k -= 1
                buffer[k] = UInt8(rest % 10) + 0x30
                rest /= 10
            }
            append(contentsOf: UnsafeBufferPointer(rebasing: buffer[k..<20]))
        }
    }

    /// A number's canonical decimal text (as `ExactDecimal.description`): no exponent, no
    /// trailing zeros after the point. `significand` has no trailing zeros.
    mutating func appendDecimal(significand: UInt64, exponent: Int, negative: Bool) {
        if significand == 0 { append(0x30); return }
        if negative { append(0x2D) }
        if exponent >= 0 {
            appendDigits(significand)
            append(contentsOf: repeatElement(0x30, count: exponent))
            return
        }
        let point = -exponent
        let d = ActionNumber.digitCount(significand)
        if point >= d {
            append(0x30); append(0x2E)
            append(contentsOf: repeatElement(0x30, count: point - d))
            appendDigits(significand)
        } else {
            let scale = ActionNumber.pow10(point)
            appendDigits(significand / scale)
            append(0x2E)
            let fraction = significand % scale
            append(contentsOf: repeatElement(0x30, count: point - ActionNumber.digitCount(fraction)))
            appendDigits(fraction)
        }
    }

    mutating func appendJSONStringArray(_ items: [String]) {
        append(0x5B)
        for (k, s) in items.enumerated() {
            if k > 0 { append(0x2C) }
            appendJSONString(s)
        }
        append(0x5D)
    }
}
