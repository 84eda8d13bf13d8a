/// A set of capability names that every rule treats alike.
///
/// The names and patterns a policy mentions (in entries and in compliance conditions)
/// partition all names: each mentioned exact name is a class of its own; each mentioned
/// prefix `p*` is the class of names whose longest mentioned prefix is `p` and that are no
/// mentioned exact name; `other` holds the names no mention matches.
package struct CapabilityClass: Hashable, Sendable {
    /// How the class is defined.
    package enum Kind: String, Hashable, Sendable { case exact, prefix, other }

    /// The kind.
    package var kind: Kind
    /// The exact name or the prefix (empty for `other`).
    package var name: String
    /// The governing rule: the capability entry, or `defaults.stage` when none matches.
    package var entryRule: Int
    /// `reversible` assumed when an action does not say (the entry's, else false).
    package var reversible: Bool
    /// Root of this class's own diagram (entry, bands and capability-specific rules).
    package var root: Int32
    /// Fields any rule for this class tests (bit per `ActionFieldMask`).
    package var testedFields: UInt64


    /// The class as a pattern: `refund`, `github.*`, or `*` for other.
    package var label: String {
        switch kind {
        case .exact: name
        case .prefix: name + "*"
        case .other: "(any other capability)"
        }
    }
}

/// Finds the class of a name (compared as UTF-8 bytes, so names that differ in
/// normalisation are different names): exact names by hash, then the longest prefix class
/// (`PrefixMap`), then `other`.
struct ClassIndex: Sendable {
    private var exact = ByteTable([])
    private var prefixes = PrefixMap<Int>()
    private var other: Int?

    init(_ classes: [CapabilityClass]) {
        var exactPairs: [([UInt8], Int)] = [], prefixClasses: [ByteName: Int] = [:]
        for (i, c) in classes.enumerated() {
            switch c.kind {
            case .exact: exactPairs.append((Array(c.name.utf8), i))
            case .prefix: prefixClasses[ByteName(c.name)] = prefixClasses[ByteName(c.name)] ?? i
            case .other: other = i
            }
        }
        exact = ByteTable(exactPairs)
        prefixes = PrefixMap(prefixClasses)
    }

    /// The class of a capability name given as UTF-8 bytes; nil only for a table with no
    /// class covering it (which `DecisionTable.validate` rules out).
    func lookup(_ name: UnsafeBufferPointer<UInt8>) -> Int? {
        exact.lookup(name) ?? prefixes.longest(in: name) ?? other
    }

    /// The class of a name given as a string.
    func lookup(_ name: String) -> Int? {
        name.withBytes { lookup($0) }
    }
}
