extension Evaluator {
    /// The decision at the leaves the two walks reached (the class's diagram, the shared one).
    func requirement(a: Int32, b: Int32) -> Requirement {
        table.outcomes[Int(a)].requirement.joined(with: table.outcomes[Int(b)].requirement)
    }

    /// The rules that match the action being decided, ascending (policy order): its reasons.
    /// `c` is the action's class; the rules are found by checking the class's candidate
    /// rules on the action (`a` and `b`, the leaves its walks reached, are not needed).
    func matchedRules(classIndex c: Int, a: Int32, b: Int32) -> [Int] {
        let n = matchRules(classIndex: c, reversible: action.fields.reversible ?? flat.classReversible[c]).count
        return (0..<n).map { Int(matched[$0]) }
    }

    /// The row an action line falls in: its class, both leaves and its matched rules; nil
    /// when the action is invalid. (The decision line itself comes from `evaluate`.)
    func row(line bytes: UnsafeBufferPointer<UInt8>) -> (classIndex: Int, a: Int32, b: Int32, rules: [Int])? {
        defer { clearAction() }
        guard read(line: bytes) == nil, let c = validClass() else { return nil }
        setNumbers()
        if hasShells { resolveAllShells() }
        let at = locate(classIndex: c)
        return (c, at.a, at.b, (0..<at.ruleCount).map { Int(matched[$0]) })
    }

    /// Checks the class's candidate rules on the action (its numbers, tags and attributes
    /// as the walk reads them, `reversible` its effective value), writing the ones that
    /// match to `matched`, ascending. Returns how many, and a hash of the list.
    @inline(__always) func matchRules(classIndex c: Int, reversible: Bool) -> (count: Int, hash: UInt64) {
        var count = 0
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for k in Int(candidateStart[c])..<Int(candidateStart[c + 1]) {
            let r = candidates[k]
            let first = Int(candidateChecks[2 * k]), end = Int(candidateChecks[2 * k + 1])
            if first == end || holds(checks: first..<end, reversible: reversible) {
                matched[count] = r
                count += 1
                h = (h ^ UInt64(UInt32(bitPattern: r))) &* 0x0000_0100_0000_01B3
            }
        }
        return (count, h)
    }

    /// Whether every check in `range` passes (missing numbers and attributes pass).
    @inline(__always) func holds(checks range: Range<Int>, reversible: Bool) -> Bool {
        for i in range {
            let check = checks[i]
            switch check.kind {
            case RulePredicates.numeric:
                let x = action.numbers[Int(check.arg)]
                if x.state == 0 { continue }
                if check.lo >= 0, !isAbove(ruleCut: Int(check.lo), x, check.arg) { return false }
                if check.hi >= 0, isAbove(ruleCut: Int(check.hi), x, check.arg) { return false }
            case RulePredicates.reversible:
                if reversible != (check.arg != 0) { return false }
            case RulePredicates.tagPresent:
                if !action.tagPresent[Int(check.arg)] { return false }
            case RulePredicates.tagAbsent:
                if action.tagPresent[Int(check.arg)] { return false }
            case RulePredicates.anyTag:
                var some = false
                for t in Int(check.lo)..<Int(check.hi) where action.tagPresent[Int(anyTags[t])] { some = true; break }
                if !some { return false }
            case RulePredicates.attribute:
                if !allowedChoices[Int(check.lo) + attributeChoice(Int(check.arg))] { return false }
            default:   // never
                return false
            }
        }
        return true
    }

    /// Whether the action's number `x` (field `f`) lies above rule cut `k`, compared as the
    /// walk compares it with a diagram's cut.
    @inline(__always) func isAbove(ruleCut k: Int, _ x: WalkNumber, _ field: Int32) -> Bool {
        let cut = ruleCuts[k]
        if x.state == 1 && cut.fits { return cut.isBelow(fast: x) }
        return isAboveExactly(cut, NumericField(rawValue: Int(field)) ?? .amount)
    }

    /// `isAbove` for numbers or cuts the fast form cannot compare.
    @inline(never) func isAboveExactly(_ cut: FastCut, _ f: NumericField) -> Bool {
        guard let v = value(of: f) else { return false }
        return predicates.exactCuts.withUnsafeBufferPointer { cut.isBelow(v, $0) }
    }
}
