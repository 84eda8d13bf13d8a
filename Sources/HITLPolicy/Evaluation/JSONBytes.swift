/// Appends JSON text to a byte buffer (strings escaped per RFC 8259, `/` left alone).
extension Array where Element == UInt8 {
    mutating func appendJSONString(_ s: String) {
        append(0x22)
        for c in s.utf8 {
            switch c {
            case 0x22: append(0x5C); append(0x22)
            case 0x5C: append(0x5C); append(0x5C)
            case 0x0A: append(0x5C); append(0x6E)
            case 0x0D: append(0x5C); append(0x72)
            case 0x09: append(0x5C); append(0x74)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 15)]])
            default: append(c)
            }
        }
        append(0x22)
    }

    mutating func appendJSONString(bytes: [UInt8]) {
        appendJSONString(String(decoding: bytes, as: UTF8.self))
    }

    mutating func append(_ s: String) { append(contentsOf: s.utf8) }

    mutating func appendInt(_ n: Int) {
        if n == 0 { append(0x30); return }
        var v = n.magnitude
        if n < 0 { append(0x2D) }
        var digits: [UInt8] = []
        while v > 0 { digits.append(UInt8(v % 10) + 0x30); v /= 10 }
        append(contentsOf: digits.reversed())
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
