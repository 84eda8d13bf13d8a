extension ActionNumber {
    /// Each numeric field's maximum (`NumericField.Spec.maximum`), by `rawValue`.
    static let maxima: [ActionNumber?] = NumericField.allCases.map { $0.spec.maximum.map { ActionNumber(exact: $0) } }
    /// Whether each numeric field takes whole numbers only (`NumericField.Spec.whole`).
    static let wholeOnly: [Bool] = NumericField.allCases.map(\.spec.whole)

    /// Why the number is not a value of `f` (a field other than `amount`, whose sign and
    /// currency the evaluator checks): its range, sign and wholeness by the field's spec
    /// (`maximum` and `whole`, from `maxima` and `wholeOnly`); nil when it is one.
    /// Inlined: `validate` calls it per number of every action, and only a finding builds a
    /// message (out of line).
    @inline(__always)
    func problem(as f: NumericField, maximum: ActionNumber?, whole: Bool) -> String? {
        let negative = isNegative
        if let m = maximum {
            if negative || compare(m) > 0 { return message(as: f, 0) }
        } else if negative {
            return message(as: f, 1)
        }
        if whole && !isWholeNumber { return message(as: f, 2) }
        return nil
    }

    /// `problem`'s messages: 0 out of range, 1 negative, 2 not whole.
    @inline(never)
    private func message(as f: NumericField, _ kind: Int) -> String {
        switch kind {
        case 0: "\(shown) is outside [0, \(f.spec.maximum?.description ?? "")]"
        case 1: "must not be negative (\(shown))"
        default: "must be a whole number, not \(shown)"
        }
    }
}
