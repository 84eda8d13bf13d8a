/// An action's numeric field as the walk compares it.
struct WalkNumber {
    /// 0 missing, 1 the fast form below, 2 only the exact `ActionNumber` will do.
    var state: UInt8 = 0
    var significand: UInt64 = 0
    var exponent = 0
    /// Digits plus exponent: compares orders of magnitude before significands.
    var order = 0

    init() {}

    init(_ n: ActionNumber?) {
        guard let n else { return }
        if n.big == nil, !n.hasMinusSign {
            state = 1
            significand = n.significand
            exponent = n.exponent
            order = ActionNumber.digitCount(n.significand) + n.exponent
        } else {
            state = 2
        }
    }
}

/// A cut prepared for comparison with action numbers: a plain value (no references), so
/// walking the diagram copies nothing that needs reference counting.
struct FastCut: Sendable {
    var significand: UInt64
    var exponent: Int
    var upward: Bool
    var exact: Int32        // index into the evaluator's exact cut values, for the slow path
    var fits: Bool          // the value fits the fast form
    var order: Int          // digits plus exponent (see `WalkNumber.order`)

    init(_ cut: Cut, exact index: Int) {
        let n = ActionNumber(exact: cut.value)
        fits = n.big == nil && !cut.value.isNegative
        significand = n.significand
        exponent = n.exponent
        order = ActionNumber.digitCount(n.significand) + n.exponent
        upward = cut.upward
        exact = Int32(index)
    }

    /// Whether a fast-form number lies above the cut; the cut must fit the fast form.
    @inline(__always) func isBelow(fast x: WalkNumber) -> Bool {
        let c: Int
        if x.significand == 0 || significand == 0 {
            c = x.significand == significand ? 0 : (x.significand == 0 ? -1 : 1)
        } else if x.order != order {
            c = x.order < order ? -1 : 1
        } else {
            var a = x.significand, b = significand
            if x.exponent > exponent { a *= ActionNumber.pow10(x.exponent - exponent) }
            else if exponent > x.exponent { b *= ActionNumber.pow10(exponent - x.exponent) }
            c = a == b ? 0 : (a < b ? -1 : 1)
        }
        return upward ? c >= 0 : c > 0
    }

    /// Whether `x` lies above the cut (`exacts` holds the cut values for the slow path).
    @inline(__always) func isBelow(_ x: ActionNumber, _ exacts: UnsafeBufferPointer<ExactDecimal>) -> Bool {
        let c: Int
        if fits, x.big == nil, !x.hasMinusSign {
            c = ActionNumber.compareFast(x.significand, x.exponent, significand, exponent)
        } else {
            let a = x.exact, b = exacts[Int(exact)]
            c = a == b ? 0 : (a < b ? -1 : 1)
        }
        return upward ? c >= 0 : c > 0
    }
}
