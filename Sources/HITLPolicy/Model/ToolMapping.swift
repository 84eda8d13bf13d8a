/// A dotted path into a tool call's JSON arguments (`customer.id`): object keys, or the
/// position of an array element (`items.0.id`) where the value there is an array.
package struct ArgumentPath: Hashable, Sendable, CustomStringConvertible {
    /// The segments, each non-empty.
    package var segments: [String]

    /// The path as written, or nil when it is not a dotted name (empty, or an empty segment).
    package init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        segments = parts
    }

    /// The dotted form.
    package var description: String { segments.joined(separator: ".") }
}

/// How a tool call's amount is read (SPEC §11 `amount`).
package struct ToolAmount: Hashable, Sendable {
    /// The number (or decimal string).
    package var value: ArgumentPath
    /// The currency code; nil: the amount is in the policy currency.
    package var currency: ArgumentPath?
    /// The value is a whole number of minor units, divided exactly by 10^e for the
    /// currency's ISO 4217 exponent e.
    package var minorUnits: Bool
}

/// How a tool call's blast radius is read: a number, or the length of an array.
package enum ToolCount: Hashable, Sendable {
    /// A path to a whole number.
    case value(ArgumentPath)
    /// `{count: PATH}`: the number of elements of the array there.
    case count(ArgumentPath)
}

/// How a tool call's reversibility is read: a constant, or a path to a boolean.
package enum ToolFlag: Hashable, Sendable {
    /// `reversible: true|false`.
    case constant(Bool)
    /// `reversible: PATH`.
    case path(ArgumentPath)
}

/// One attribute a tool entry fills: the action's attribute (a dotted name) from an argument.
package struct ToolAttribute: Hashable, Sendable {
    /// The attribute's dotted path in the action's `attributes` (what conditions name).
    package var name: String
    /// Where in the arguments its value is.
    package var path: ArgumentPath
}

/// One entry of the `tools:` section (SPEC §11): how a call of the tools its key names becomes
/// an action. Every field but `pattern` is optional; a field not mapped is absent from the
/// action (and so fails closed where a rule tests it).
package struct ToolEntry: Hashable, Sendable {
    /// The tool name, or a trailing-`*` prefix pattern.
    package var pattern: CapabilityPattern
    /// The capability of the action (default: the tool name itself).
    package var capability: String?
    /// `amount`.
    package var amount: ToolAmount?
    /// `confidence`: a path to a number in [0, 1].
    package var confidence: ArgumentPath?
    /// `blast_radius`.
    package var blastRadius: ToolCount?
    /// `reversible`.
    package var reversible: ToolFlag?
    /// `tags`: a path to a string or an array of strings.
    package var tags: ArgumentPath?
    /// `attributes`, in file order.
    package var attributes: [ToolAttribute]
    /// Where the entry's key is (`file:line:column`, as decisions show sources).
    package var source: String
    /// Where the capability is named (its `capability` value, else the key); nil in a table.
    package var capabilityLocation: SourceLocation?

    /// An entry that maps nothing but the name.
    package init(pattern: CapabilityPattern, source: String) {
        self.pattern = pattern
        self.source = source
        attributes = []
    }
}

/// The `tools:` section: entries in file order, looked up as capabilities are (an exact name
/// beats every pattern; among patterns the longest literal prefix wins).
package struct ToolMappings: Hashable, Sendable {
    /// The entries, in file order.
    package var entries: [ToolEntry]

    /// No entries.
    package static let none = ToolMappings(entries: [])

    package init(entries: [ToolEntry]) {
        self.entries = entries
    }

    /// The entry for a tool name; nil when none matches (the call becomes an action whose
    /// capability is the tool name, with no other field).
    package func entry(for tool: String) -> ToolEntry? {
        CapabilityPattern.bestMatch(for: tool, in: entries) { $0.pattern }
    }
}

/// ISO 4217 minor-unit exponents, for `minor_units: true` (JPY 0, USD 2, KWD 3).
extension CurrencyCode {
    /// The number of decimal places of the currency's minor unit; nil for a code that is not
    /// known or has no minor unit (gold, special drawing rights, testing codes).
    package static func minorUnitExponent(_ code: String) -> Int? {
        guard isKnown(code), !noMinorUnit.contains(code) else { return nil }
        if zeroDecimals.contains(code) { return 0 }
        if threeDecimals.contains(code) { return 3 }
        if fourDecimals.contains(code) { return 4 }
        return 2
    }

    private static let zeroDecimals: Set<String> = [
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF",
    ]
    private static let threeDecimals: Set<String> = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]
    private static let fourDecimals: Set<String> = ["CLF", "UYW"]
    private static let noMinorUnit: Set<String> = [
        "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XDR", "XPD", "XPT", "XSU", "XTS", "XUA",
    ]
}
