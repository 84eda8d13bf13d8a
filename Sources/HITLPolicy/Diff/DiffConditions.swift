extension DiffRun {
    /// A region's constraints in words and parts, in field order.
    func describe(_ region: TableRegion, builder: RegionWitness, slice: CurrencySlice) -> [DiffCondition] {
        var out: [DiffCondition] = []
        for field in NumericField.allCases {
            guard let span = region.numeric[field] else { continue }
            var unit = ""
            if field == .amount, let code = slice.code ?? old.currency ?? new.currency {
                unit = " " + code
            }
            switch span {
            case .missing:
                out.append(DiffCondition(field: field.description, text: "missing (counts as \(field.missingMeaning))", value: .missing))
            case .interval(let l, let u):
                let scale = field == .amount ? slice.scale : ExactDecimal(1)
                let (lower, lowerExact) = Self.display(l?.value, scale)
                let (upper, upperExact) = Self.display(u?.value, scale)
                let text = IntervalWords.text(field, lower: lower.map { .init($0, inclusive: l?.upward ?? false) },
                                              upper: upper.map { .init($0, inclusive: !(u?.upward ?? true)) })
                // Both ends open: any value, but sent (missing is its own region).
                let shown = l == nil && u == nil ? "present (any value\(unit.isEmpty ? "" : " in" + unit))" : text + unit
                out.append(DiffCondition(
                    field: field.description, text: shown,
                    value: .interval(lower: lower, lowerInclusive: l?.upward ?? false, upper: upper,
                                     upperInclusive: u.map { !$0.upward } ?? false, approximate: !(lowerExact && upperExact))))
            }
        }
        if region.reversibleMissing {
            out.append(DiffCondition(field: "reversible", text: "absent (each policy assumes its capability default)", value: .missing))
        } else if let r = region.reversible {
            out.append(DiffCondition(field: "reversible", text: "\(r) (as sent, or the capability's default when absent)", value: .bool(r)))
        }
        for (t, present) in region.tags.sorted(by: { builder.tags[$0.key].utf8.lexicographicallyPrecedes(builder.tags[$1.key].utf8) }) {
            out.append(DiffCondition(field: "tags.\(builder.tags[t])", text: present ? "present" : "absent", value: .present(present)))
        }
        for (a, k) in region.attributes.sorted(by: { builder.attributes[$0.key].path.utf8.lexicographicallyPrecedes(builder.attributes[$1.key].path.utf8) }) {
            let attr = builder.attributes[a]
            let field = "attributes.\(attr.path)"
            if k < attr.values.count {
                out.append(DiffCondition(field: field, text: "= \(attr.values[k])", value: .equals(attr.values[k])))
            } else if k == attr.values.count {
                out.append(DiffCondition(field: field, text: "present, not \(attr.values.map(\.description).joined(separator: ", "))",
                                         value: .otherThan(attr.values)))
            } else {
                out.append(DiffCondition(field: field, text: "missing (counts as matching every condition on it)", value: .missing))
            }
        }
        for (s, present) in region.shells.sorted(by: { $0.key < $1.key }) {
            let sh = builder.shells[s]
            out.append(DiffCondition(field: "attributes.\(builder.attributes[sh.attribute].path)",
                                     text: (present ? "runs a command beginning with " : "runs no command beginning with ") + sh.prefix,
                                     value: .present(present)))
        }
        return out
    }

    /// `value / scale` for display: exact when the division terminates within 12 places,
    /// else rounded down to 6 places and marked `≈`.
    static func display(_ value: ExactDecimal?, _ scale: ExactDecimal) -> (String?, Bool) {
        guard let value else { return (nil, true) }
        if scale == ExactDecimal(1) { return (value.description, true) }
        if let (q, exact) = value.divided(by: scale, fractionDigits: 12), exact { return (q.description, true) }
        if let (q, _) = value.divided(by: scale, fractionDigits: 6) { return ("≈" + q.description, false) }
        return ("≈(\(value) / \(scale))", false)
    }
}
