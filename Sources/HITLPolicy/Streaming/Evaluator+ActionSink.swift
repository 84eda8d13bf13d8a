/// `eval`'s JSON output: the evaluator is the stream's sink, a decision line per action.
/// `ActionStream.run(_:)` is specialised for it, so each line is a direct call to
/// `evaluate(line:number:into:)`.
extension Evaluator: ActionSink {
    @inline(__always)
    package func decide(line: UnsafeBufferPointer<UInt8>, number: Int, into out: inout [UInt8]) -> Verdict {
        evaluate(line: line, number: number, into: &out)
    }

    /// An `invalid` decision line naming the policy, with no capability.
    package func unread(line number: Int, message: String, into out: inout [UInt8]) {
        DecisionJSON.appendInvalid(id: nil, line: number, capability: nil,
                                   errors: [FieldError(field: nil, message: message)],
                                   policy: table.policy, policyDigest: table.policyDigest, into: &out)
    }

    /// Another evaluator sharing this one's prepared table (and `explain`).
    package func worker() -> Evaluator? { Evaluator(sharing: self) }
}
