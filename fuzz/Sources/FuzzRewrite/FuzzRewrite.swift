@testable import FuzzSupport
@testable import HITLPolicy

// libFuzzer harness: the policy rewriter (`suggest --write`, docs/suggest-write.md). Each
// input is a policy's text; a small fixed set of `StageChange`s is applied to it with
// `PolicyRewriter.apply(_:toPolicyBytes:path:)`. The changes are named after the first
// capability entries the text has (when it decodes), so that they sometimes hit: the first
// entry one rung up (or down at the top), the second one rung down, the third from a rung
// it is not on, a name no entry governs from the defaults' rung, and the first name again
// (the second change naming it is skipped). Any trap, sanitizer report or broken invariant
// below is a crash:
//   - every change given is applied or skipped, once: applied + skipped = the changes;
//   - the edits are sorted, do not overlap, lie inside the text, and turn the original
//     into the result: `TextEdit.apply(edits, to: original) == text`; nothing applied
//     means no edit and the original text;
//   - text that is not UTF-8 is refused whole (every change skipped);
//   - when anything was applied, the new text lints with no error, and each applied
//     change's name is governed there by an entry on the change's `to` rung.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRewrite(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let file = "fuzz.yaml"
    let changes = changesFor(bytes)
    let rewrite = PolicyRewriter.apply(changes, toPolicyBytes: bytes, path: file)
    expect(rewrite.applied.count + rewrite.skipped.count == changes.count,
           "\(rewrite.applied.count) applied + \(rewrite.skipped.count) skipped of \(changes.count) changes")
    for c in rewrite.applied { expect(changes.contains(c), "an applied change that was not asked") }
    for s in rewrite.skipped { expect(changes.contains(s.change) && !s.reason.isEmpty, "a skipped change not asked, or without a reason") }
    guard String(validating: bytes, as: UTF8.self) != nil else {
        expect(rewrite.applied.isEmpty && rewrite.edits.isEmpty, "a change applied to text that is not UTF-8")
        return 0
    }
    var end = 0
    for e in rewrite.edits {
        expect(e.range.lowerBound >= end && e.range.upperBound <= bytes.count, "edits out of order, overlapping or outside the text")
        end = e.range.upperBound
    }
    let text = Array(rewrite.text.utf8)
    expect(TextEdit.apply(rewrite.edits, to: bytes) == text, "the edits do not make the text")
    guard !rewrite.applied.isEmpty else {
        expect(rewrite.edits.isEmpty && text == bytes, "nothing applied, yet the text changed")
        return 0
    }
    let lint = Linter.lint(text, file: file)
    let errors = lint.diagnostics.filter { $0.severity == .error }
    expect(errors.isEmpty, "the rewritten text has lint errors: \(errors.map { "\($0.code) \($0.message)" })")
    guard let policy = PolicyLoader.load(text, file: file).policy else {
        expect(false, "the rewritten text lints clean but does not decode")
        return 0
    }
    for c in rewrite.applied {
        let rung = policy.entry(for: c.capability).flatMap { AutonomyStep($0) }
            ?? AutonomyStep(stage: policy.defaults.stage, review: false)
        expect(rung == c.to, "\(c.summary) applied, yet '\(c.capability)' is on \(rung?.rawValue ?? "no rung")")
    }
    return 0
}

/// The changes tried on a text: named after its first entries (when it decodes), else
/// after payments' capabilities.
func changesFor(_ bytes: [UInt8]) -> [StageChange] {
    guard let policy = PolicyLoader.load(bytes, file: "fuzz.yaml").policy, !policy.capabilities.isEmpty else {
        return [StageChange(capability: "refund", from: .approval, to: .review),
                StageChange(capability: "payout", from: .autonomous, to: .review)]
    }
    /// A name the entry governs: its own, or the pattern's prefix and `x`.
    func name(_ e: CapabilityEntry) -> String {
        switch e.pattern {
        case .exact(let n): n
        case .prefix(let p): p + "x"
        }
    }
    var changes: [StageChange] = []
    let entries = Array(policy.capabilities.prefix(3))
    for (k, e) in entries.enumerated() {
        let rung = AutonomyStep(e) ?? .approval
        switch k {
        case 0: changes.append(StageChange(capability: name(e), from: rung, to: rung.promoted ?? .review))
        case 1: changes.append(StageChange(capability: name(e), from: rung, to: rung.demoted ?? .review))
        default:
            let other: AutonomyStep = rung == .approval ? .autonomous : .approval
            changes.append(StageChange(capability: name(e), from: other, to: .review))
        }
    }
    let defaults = AutonomyStep(stage: policy.defaults.stage, review: false) ?? .approval
    changes.append(StageChange(capability: "fuzz_new_tool", from: defaults, to: defaults.promoted ?? .review))
    changes.append(StageChange(capability: changes[0].capability, from: changes[0].to, to: changes[0].from))
    return changes
}
