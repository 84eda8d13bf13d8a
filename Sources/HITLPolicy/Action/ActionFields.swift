/// The fields of one action line, as byte ranges into the line and exact numbers.
/// Reused from line to line so that evaluation allocates nothing on the common path.
struct ActionFields {
    var id: Range<Int>?            // raw token (quotes included)
    var capabilityToken: Range<Int>?
    var capability: Range<Int>?    // content, when it has no escapes
    var capabilityBytes: [UInt8]?  // unescaped content, when it has escapes
    var amount: ActionNumber?
    var amountText: Range<Int>?
    var currency: Range<Int>?
    var currencyBytes: [UInt8]?
    var confidence: ActionNumber?
    var confidenceText: Range<Int>?
    var blastRadius: ActionNumber?
    var blastRadiusText: Range<Int>?
    var reversible: Bool?
    var hasTags = false
    var attributes: Range<Int>?
    var errors: [ActionError] = []

    mutating func reset() {
        id = nil; capabilityToken = nil; capability = nil; capabilityBytes = nil
        amount = nil; amountText = nil; currency = nil; currencyBytes = nil
        confidence = nil; confidenceText = nil; blastRadius = nil; blastRadiusText = nil
        reversible = nil; hasTags = false; attributes = nil
        if !errors.isEmpty { errors.removeAll() }
    }
}

/// Field names of the action object (SPEC §4).
enum ActionKey {
    case id, capability, amount, confidence, reversible, blastRadius, tags, attributes, other

    init(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) {
        // Compares whole words: every name is 2 to 12 bytes, read in at most two loads.
        guard let base = b.baseAddress, r.count >= 2, r.count <= 12 else { self = .other; return }
        let p = UnsafeRawPointer(base + r.lowerBound)
        @inline(__always) func word(_ s: StaticString, _ offset: Int, _ t: (some FixedWidthInteger).Type) -> Bool {
            p.loadUnaligned(fromByteOffset: offset, as: t) == UnsafeRawPointer(s.utf8Start).loadUnaligned(fromByteOffset: offset, as: t)
        }
        switch r.count {
        case 2: self = word("id", 0, UInt16.self) ? .id : .other
        case 4: self = word("tags", 0, UInt32.self) ? .tags : .other
        case 6: self = word("amount", 0, UInt32.self) && word("amount", 4, UInt16.self) ? .amount : .other
        case 10:
            let candidate: (StaticString, ActionKey)
            switch base[r.lowerBound + 2] {
            case UInt8(ascii: "p"): candidate = ("capability", .capability)
            case UInt8(ascii: "n"): candidate = ("confidence", .confidence)
            case UInt8(ascii: "v"): candidate = ("reversible", .reversible)
            case UInt8(ascii: "t"): candidate = ("attributes", .attributes)
            default: self = .other; return
            }
            self = word(candidate.0, 0, UInt64.self) && word(candidate.0, 8, UInt16.self) ? candidate.1 : .other
        case 12: self = word("blast_radius", 0, UInt64.self) && word("blast_radius", 8, UInt32.self) ? .blastRadius : .other
        default: self = .other
        }
    }

    init(bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { ActionKey($0, 0..<$0.count) }
    }
}

extension JSONScanner {
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
