/// The action being decided, as the evaluator's one reader leaves it for the decider and the
/// writer: the line, what its scan found, the amount in the policy currency, and what the
/// walks read — the numbers, tag and shell-prefix presence, attribute choices.
///
/// Read from a JSON line (`Evaluator.read(line:)`, then `validate`) or from an action built
/// in Swift (`Evaluator.load`); decided by `Evaluator.locate(classIndex:)`; written by
/// `evaluate` (a decision line) or by the typed API (a `Decision`). Its buffers are allocated
/// once per evaluator and reset per action by `clear`, which undoes exactly what the last
/// action set, so reading and deciding an action allocate nothing. `ActionPoint` holds the
/// same facts as a self-contained value, for readers that keep them.
struct EvaluatedAction {
    /// The line being decided, after any byte order mark (empty for a built action).
    var line = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    /// Where the scan found each field in `line`, the numbers it read, the errors it met.
    var fields = ActionFields()
    /// The amount in the policy currency (set by `Evaluator.validate` or a built action's load).
    var amountValue: ActionNumber?
    /// The numbers as the walk reads them, by `NumericField.rawValue`.
    let numbers: UnsafeMutableBufferPointer<WalkNumber>
    /// Per tag (`table.tags`), then per shell prefix (`table.shells`, from the evaluator's
    /// `shellBase`): its presence. Rules test "some of these prefixes" as they test "some of
    /// these tags" (`RulePredicates`), so the match loop has no case of its own for shells.
    let tagPresent: UnsafeMutableBufferPointer<Bool>
    /// The tags set, `tagCount` of them: what `clear` resets.
    let tagsSet: UnsafeMutableBufferPointer<Int32>
    var tagCount = 0
    /// Per attribute: its choice once found (a listed value's index, then "other", then
    /// "missing"), -1 before.
    let attributeChoices: UnsafeMutableBufferPointer<Int32>
    /// The attributes whose choice is set, `chosenCount` of them: what `clear` resets.
    let attributesChosen: UnsafeMutableBufferPointer<Int32>
    var chosenCount = 0
    /// The walks' steps (node, child), recorded only with `--explain`.
    var path: [(Int, Int)] = []
    /// The line is the action a tool call's mapping made (`--explain` shows it).
    var mappedFromToolCall = false

    /// Buffers for a table with these many tags, shell prefixes and attributes.
    init(tags: Int, shells: Int, attributes: Int) {
        numbers = .allocate(capacity: NumericField.count)
        numbers.initialize(repeating: WalkNumber())
        tagPresent = .allocate(capacity: max(tags + shells, 1))
        tagPresent.initialize(repeating: false)
        tagsSet = .allocate(capacity: max(tags, 1))
        tagsSet.initialize(repeating: 0)
        attributeChoices = .allocate(capacity: max(attributes, 1))
        attributeChoices.initialize(repeating: -1)
        attributesChosen = .allocate(capacity: max(attributes, 1))
        attributesChosen.initialize(repeating: 0)
    }

    /// Frees the buffers (the evaluator's `deinit`).
    func deallocate() {
        numbers.deallocate()
        tagPresent.deallocate()
        tagsSet.deallocate()
        attributeChoices.deallocate()
        attributesChosen.deallocate()
    }

    /// Forgets the action: its fields, its amount and what the walks read.
    mutating func clear() {
        clearWalkState()
        fields.reset()
        amountValue = nil
    }

    /// Clears the tags, attribute choices and walk numbers of the action just decided.
    mutating func clearWalkState() {
        for k in 0..<tagCount { tagPresent[Int(tagsSet[k])] = false }
        tagCount = 0
        for k in 0..<chosenCount { attributeChoices[Int(attributesChosen[k])] = -1 }
        chosenCount = 0
        for f in 0..<numbers.count { numbers[f] = WalkNumber() }
    }

    /// Sets attribute `a`'s choice (it was not set).
    mutating func choose(_ a: Int, _ choice: Int32) {
        attributeChoices[a] = choice
        attributesChosen[chosenCount] = Int32(a)
        chosenCount += 1
    }

    /// Marks tag number `t` present.
    mutating func setTag(_ t: Int) {
        guard !tagPresent[t] else { return }
        tagPresent[t] = true
        tagsSet[tagCount] = Int32(t)
        tagCount += 1
    }
}
