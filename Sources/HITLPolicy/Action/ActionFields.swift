/// One problem that makes an action invalid.
public struct ActionError: Hashable, Sendable {
    /// The field (nil when the line as a whole is at fault).
    public var field: String?
    /// What is wrong.
    public var message: String
}

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
        func eq(_ s: StaticString) -> Bool {
            let n = s.utf8CodeUnitCount
            guard r.count == n else { return false }
            let p = s.utf8Start
            for k in 0..<n where b[r.lowerBound + k] != p[k] { return false }
            return true
        }
        switch r.count {
        case 2 where eq("id"): self = .id
        case 4 where eq("tags"): self = .tags
        case 6 where eq("amount"): self = .amount
        case 10 where eq("capability"): self = .capability
        case 10 where eq("confidence"): self = .confidence
        case 10 where eq("reversible"): self = .reversible
        case 10 where eq("attributes"): self = .attributes
        case 12 where eq("blast_radius"): self = .blastRadius
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
        guard JSONScanner.isNumber(u) else { throw fail("malformed number", at: start) }
        guard let n = ActionNumber(literal: u) else { throw fail("number exponent out of range", at: start) }
        return (n, r)
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
