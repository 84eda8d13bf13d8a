/// One condition of a table rule other than the capability (SPEC §3 conditions and bands).
package enum TableCondition: Hashable, Sendable {
    /// A numeric range (a band's threshold or a range condition on a `NumericField`).
    case range(NumericRange)
    /// The action's (effective) reversibility.
    case reversible(Bool)
    /// Tag sets: at least one of `any` (when given), all of `all`, none of `none`.
    case tags(any: [String]?, all: [String]?, none: [String]?)
    /// Equality of an attribute at a dotted path with one of `values`.
    case attribute(path: String, values: [AttributeValue])
    /// Some simple command of the attribute at a dotted path begins with one of the
    /// prefixes (each its words after quote removal); a missing value, a value that is not
    /// a string and a line the splitter cannot read with certainty meet it (fail closed).
    case shell(path: String, prefixes: [[String]])

    /// Tags and paths are compared as bytes (names are not normalised).
    package static func == (a: TableCondition, b: TableCondition) -> Bool {
        switch (a, b) {
        case (.range(let x), .range(let y)): x == y
        case (.reversible(let x), .reversible(let y)): x == y
        case (.tags(let a1, let a2, let a3), .tags(let b1, let b2, let b3)):
            a1.sameBytes(as: b1) && a2.sameBytes(as: b2) && a3.sameBytes(as: b3)
        case (.attribute(let p, let v), .attribute(let q, let w)): p.sameBytes(as: q) && v == w
        case (.shell(let p, let v), .shell(let q, let w)):
            p.sameBytes(as: q) && v.count == w.count && zip(v, w).allSatisfy { $0.sameBytes(as: $1) }
        default: false
        }
    }

    package func hash(into h: inout Hasher) {
        switch self {
        case .range(let r): h.combine(0); h.combine(r)
        case .reversible(let b): h.combine(1); h.combine(b)
        case .tags(let any, let all, let none):
            h.combine(2); h.combineBytes(of: any); h.combineBytes(of: all); h.combineBytes(of: none)
        case .attribute(let path, let values): h.combine(3); h.combineBytes(of: path); h.combine(values)
        case .shell(let path, let prefixes):
            h.combine(4); h.combineBytes(of: path); h.combine(prefixes.count)
            for p in prefixes { h.combineBytes(of: p) }
        }
    }
}
