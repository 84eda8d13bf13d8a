/// A capability key: an exact name, or a prefix pattern ending in `*` (`*` alone matches all).
package enum CapabilityPattern: Hashable, Sendable, CustomStringConvertible {
    case exact(String)
    /// Matches every name that starts with the prefix.
    case prefix(String)

    /// Why a pattern text was rejected.
    package enum ParseError: Error, Equatable { case empty, starNotAtEnd }

    /// Parses `name` or `prefix*`.
    package static func parse(_ text: String) -> Result<CapabilityPattern, ParseError> {
        if text.isEmpty { return .failure(.empty) }
        // No `*` byte, no `*` character: most keys are names, settled without grapheme breaking.
        if !text.utf8.contains(0x2A) { return .success(.exact(text)) }
        guard let star = text.firstIndex(of: "*") else { return .success(.exact(text)) }
        if text.index(after: star) != text.endIndex { return .failure(.starNotAtEnd) }
        return .success(.prefix(String(text[..<star])))
    }

    /// Whether `name` is matched.
    package func matches(_ name: String) -> Bool {
        switch self {
        case .exact(let n): n.utf8.elementsEqual(name.utf8)
        case .prefix(let p): name.utf8.starts(with: p.utf8)
        }
    }

    /// Equal when the same kind with the same bytes (names are not normalised).
    package static func == (a: CapabilityPattern, b: CapabilityPattern) -> Bool {
        switch (a, b) {
        case (.exact(let x), .exact(let y)), (.prefix(let x), .prefix(let y)): x.sameBytes(as: y)
        default: false
        }
    }

    package func hash(into h: inout Hasher) {
        switch self {
        case .exact(let n): h.combine(0); h.combineBytes(of: n)
        case .prefix(let p): h.combine(1); h.combineBytes(of: p)
        }
    }

    /// The source form (`refund`, `github.*`, `*`).
    package var description: String {
        switch self {
        case .exact(let n): n
        case .prefix(let p): p + "*"
        }
    }

    /// The element whose pattern governs `name`: an exact name beats every pattern; among
    /// patterns the longest literal prefix wins (the first written among equals); nil when
    /// none matches. The one lookup capability entries and `tools:` entries share.
    package static func bestMatch<C: Collection>(for name: String, in items: C, pattern: (C.Element) -> CapabilityPattern) -> C.Element? {
        var best: C.Element?
        var bestLength = -1
        for item in items {
            switch pattern(item) {
            case .exact(let n) where n.utf8.elementsEqual(name.utf8): return item
            case .prefix(let p) where name.utf8.starts(with: p.utf8) && p.utf8.count > bestLength:
                best = item
                bestLength = p.utf8.count
            default: continue
            }
        }
        return best
    }
}
