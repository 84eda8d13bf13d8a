/// A plain built action's walk numbers (`Action.Built.walk`), stored in the action itself
/// rather than in an array of their own: a decision then touches one heap object less.
/// Room for `capacity` numeric fields; with more (`NumericField.count` grew), built actions
/// are never plain and take the general path (a test says to widen this).
struct InlineWalk: Sendable {
    /// How many numeric fields it holds.
    static var capacity: Int { 3 }

    private var n0 = WalkNumber(), n1 = WalkNumber(), n2 = WalkNumber()

    /// Field `k`'s number (by `NumericField.rawValue`, below `capacity`).
    subscript(k: Int) -> WalkNumber {
        get {
            switch k {
            case 0: n0
            case 1: n1
            default: n2
            }
        }
        set {
            switch k {
            case 0: n0 = newValue
            case 1: n1 = newValue
            default: n2 = newValue
            }
        }
    }
}
