/// A name (capability, pattern prefix, tag, tier, specialist, attribute path or string
/// value, rule id, currency code, YAML key) as a hashing and ordering key: compared by its
/// UTF-8 bytes, never by Unicode canonical equivalence.
///
/// Swift's `String` equality, hashing and `<` treat canonically equivalent spellings as
/// one (`caf\u{E9}` == `cafe\u{301}`, even `\u{212A}` == `K`), but actions are matched by
/// bytes and SPEC §3 says names are bytes. Sets and dictionaries of names key on this, and
/// comparisons of names go through `String.sameBytes(as:)`, so a policy never merges two
/// spellings that the evaluator tells apart.
struct ByteName: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The name as written.
    var text: String

    init(_ text: String) { self.text = text }

    static func == (a: ByteName, b: ByteName) -> Bool { a.text.sameBytes(as: b.text) }

    static func < (a: ByteName, b: ByteName) -> Bool { a.text.bytesPrecede(b.text) }

    func hash(into h: inout Hasher) { h.combineBytes(of: text) }

    var description: String { text }
}

extension String {
    /// Whether the two strings are the same bytes (not merely canonically equivalent).
    func sameBytes(as other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        // Through the contiguous bytes (a native string's, or a small one's copy): the
        // generic view comparison costs several times more, and compile compares a lot.
        let fast = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b in a.sameBytes(as: b) }
        }
        if let fast, let fast { return fast }
        return utf8.elementsEqual(other.utf8)
    }

    /// Calls `body` with the string's UTF-8 bytes: in place when they are contiguous (native
    /// and small strings), else from a copy. For a string held in a `let`, which `withUTF8`
    /// (mutating) could reach only through a copy, retained and released per call.
    @inline(__always)
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = self
        return copy.withUTF8(body)
    }

    /// Byte order of UTF-8 (the same as code point order): deterministic, and never
    /// ranks two different names as equal.
    func bytesPrecede(_ other: String) -> Bool {
        let fast = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b in a.lexicographicallyPrecedes(b) }
        }
        if let fast, let fast { return fast }
        return utf8.lexicographicallyPrecedes(other.utf8)
    }
}

extension Hasher {
    /// Feeds a string's UTF-8 bytes (and their count), consistently with `sameBytes(as:)`.
    mutating func combineBytes(of s: String) {
        combine(s.utf8.count)
        if s.utf8.withContiguousStorageIfAvailable({ combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
            for b in s.utf8 { combine(b) }
        }
    }

    /// Feeds a list of strings by their bytes.
    mutating func combineBytes(of list: [String]) {
        combine(list.count)
        for s in list { combineBytes(of: s) }
    }

    /// Feeds an optional list of strings by their bytes.
    mutating func combineBytes(of list: [String]?) {
        combine(list != nil)
        if let list { combineBytes(of: list) }
    }
}

extension Sequence<String> {
    /// Whether a string with exactly the bytes of `name` is among these.
    func containsBytes(_ name: String) -> Bool { contains { $0.sameBytes(as: name) } }

    /// The strings in byte order.
    func sortedByBytes() -> [String] { sorted { $0.bytesPrecede($1) } }

    /// The strings without byte-identical repeats, first occurrence kept.
    func uniqueByBytes() -> [String] {
        var seen = Set<ByteName>()
        return filter { seen.insert(ByteName($0)).inserted }
    }
}

extension Array<String> {
    /// Byte equality of two lists, element by element.
    func sameBytes(as other: [String]) -> Bool {
        count == other.count && zip(self, other).allSatisfy { $0.sameBytes(as: $1) }
    }
}

extension Optional<String> {
    /// Byte equality of two optional strings.
    func sameBytes(as other: String?) -> Bool {
        switch (self, other) {
        case (nil, nil): true
        case (let a?, let b?): a.sameBytes(as: b)
        default: false
        }
    }
}

extension Optional<[String]> {
    /// Byte equality of two optional lists.
    func sameBytes(as other: [String]?) -> Bool {
        switch (self, other) {
        case (nil, nil): true
        case (let a?, let b?): a.sameBytes(as: b)
        default: false
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether the two buffers hold the same bytes: eight at a time, then the rest.
    @inline(__always)
    func sameBytes(as b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard count == b.count else { return false }
        guard let pa = baseAddress, let pb = b.baseAddress else { return true }   // both empty
        let (ra, rb) = (UnsafeRawPointer(pa), UnsafeRawPointer(pb))
        var i = 0
        while i + 8 <= count {
            if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self) != rb.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        while i < count {
            if self[i] != b[i] { return false }
            i += 1
        }
        return true
    }
}
