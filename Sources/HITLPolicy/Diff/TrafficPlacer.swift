/// Places action lines in the regions of a diff (`diff --traffic`). Each line is read once
/// by each policy's evaluator (`Evaluator.point(json:)`, the reader `eval` decides with: its
/// validity, its fields, a tool call mapped through that policy's `tools:`); the regions span
/// both policies and speak in names (`DiffPlacement`), which each side's `PlacementSide`
/// finds in that policy's point.
struct TrafficPlacer {
    /// Where a line falls.
    enum Place: Equatable {
        /// Either policy decides the line `invalid`.
        case invalid
        /// In no listed region: the two decisions agree, the region is past the list, or the
        /// line is a tool call the two policies map to different actions.
        case outside
        /// In the listed region with this index (`DiffReport.regions` order).
        case region(Int)
    }

    private let placement: DiffPlacement
    private let old: PlacementSide
    private let new: PlacementSide
    /// Each capability class's boxes (indices into `placement.boxes`, in order) and its
    /// default reversibility, old and new.
    private let classes: [DiffCapability: (boxes: [Int], defaults: [Bool])]

    /// Nil when either table cannot decide actions (it was compiled without diagrams). With
    /// no placement every valid line falls outside.
    init?(_ placement: DiffPlacement?, old: DecisionTable, new: DecisionTable) {
        guard CompiledPolicy.undecidable(old) == nil, CompiledPolicy.undecidable(new) == nil else { return nil }
        let placement = placement ?? DiffPlacement()
        self.placement = placement
        self.old = PlacementSide(old, placement)
        self.new = PlacementSide(new, placement)
        var classes: [DiffCapability: (boxes: [Int], defaults: [Bool])] = [:]
        for (k, box) in placement.boxes.enumerated() {
            for c in box.capabilities where classes[c]?.boxes.last != k {
                classes[c, default: ([], placement.defaults[c] ?? [false, false])].boxes.append(k)
            }
        }
        self.classes = classes
    }

    /// Where the action line falls.
    func place(_ line: UnsafeBufferPointer<UInt8>) -> Place {
        guard let a = old.evaluator.point(json: line), let b = new.evaluator.point(json: line) else { return .invalid }
        // A tool call lies where the action its mapping makes lies, when both make the same.
        guard a.toolAction == b.toolAction else { return .outside }
        let cls = PlacementSide.diffClass(old.classes[a.classIndex], new.classes[b.classIndex])
        guard let entry = classes[cls] else { return .outside }
        let (boxes, defaults) = entry
        // The amount as sent: a box holds plain amounts (and those in the policy currency, or
        // in one converted at a rate both policies share) or those of its currency pass.
        var code: String?
        if let c = a.sentAmount?.currency, !c.sameBytes(as: placement.currency ?? "") { code = c }
        var numbers = a.numbers
        for k in boxes {
            let box = placement.boxes[k]
            var value = a.sentAmount?.value
            if let v = value {
                if let code {
                    if let c = box.code {
                        guard c.sameBytes(as: code) else { continue }
                        value = v * box.scale
                    } else {
                        guard let rate = placement.sharedRates[ByteName(code)] else { continue }
                        value = v * rate
                    }
                } else if box.code != nil { continue }
            } else if box.code != nil { continue }
            numbers[NumericField.amount.rawValue] = value
            guard box.region.numeric.allSatisfy({ f, span in span.contains(numbers[f.rawValue]) }) else { continue }
            if a.reversibleSent {
                if box.region.reversibleMissing || (box.region.reversible.map { $0 != a.reversible } ?? false) { continue }
            } else if defaults[0] != defaults[1] {
                if box.region.reversible != nil && !box.region.reversibleMissing { continue }
            } else {
                if box.region.reversibleMissing || (box.region.reversible.map { $0 != defaults[0] } ?? false) { continue }
            }
            guard box.region.tags.allSatisfy({ t, want in tag(t, a, b) == want }),
                  box.region.attributes.allSatisfy({ x, choice in attributeChoice(x, a, b) == choice }),
                  box.region.shells.allSatisfy({ s, want in shell(s, a, b) == want })
            else { continue }
            return .region(k)
        }
        return .outside
    }

    /// Whether the action carries the placement's tag `t`, as the policy that has it reads
    /// the action (nil: neither has it).
    private func tag(_ t: Int, _ a: ActionPoint, _ b: ActionPoint) -> Bool? {
        if let i = old.tags[t] { return a.tags[i] }
        return new.tags[t].map { b.tags[$0] }
    }

    /// The placement's choice for its attribute `x`: a value either policy lists is found by
    /// the one listing it; "other" and "missing" read the same on both sides (nil: neither
    /// policy has the attribute).
    private func attributeChoice(_ x: Int, _ a: ActionPoint, _ b: ActionPoint) -> Int? {
        let o = old.attributes[x].map { $0.choices[a.attributes[$0.index]] }
        let n = new.attributes[x].map { $0.choices[b.attributes[$0.index]] }
        guard let o, let n else { return o ?? n }
        return min(o, n)
    }

    /// Whether the placement's shell prefix `s` is present, as the policy that has it reads
    /// the action (nil: neither has it).
    private func shell(_ s: Int, _ a: ActionPoint, _ b: ActionPoint) -> Bool? {
        if let i = old.shells[s] { return a.shells[i] }
        return new.shells[s].map { b.shells[$0] }
    }
}
