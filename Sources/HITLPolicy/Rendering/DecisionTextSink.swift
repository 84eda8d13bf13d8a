/// `eval --format text` as an `ActionStream` sink: each action decided through the typed API
/// (`CompiledPolicy.decide`) and shown as a block for a person (`DecisionTextReporter`),
/// with a blank line between blocks. The stream reads the input exactly as for JSON output
/// (lines, limits, a pretty-printed object, notes); one sink sees every line, in order
/// (`worker()` is nil), on one thread.
package final class DecisionTextSink: ActionSink {
    private let policy: CompiledPolicy
    /// Whether a block was written: the next one follows a blank line.
    private var started = false

    package init(policy: CompiledPolicy) {
        self.policy = policy
    }

    package func decide(line: UnsafeBufferPointer<UInt8>, number: Int, into out: inout [UInt8]) -> Verdict {
        // Copied as raw bytes: `Array(line)` would share its copying routine with the JSON
        // evaluator's appends of typed bytes, and the optimizer then emits that routine apart
        // from them, no longer inlined (JSON eval +0.7% instructions, measured with callgrind).
        let d = policy.decide(Action(json: Array(UnsafeRawBufferPointer(line)), line: number))
        append(DecisionTextReporter.render(d), into: &out)
        return Verdict(d.outcome)
    }

    package func unread(line number: Int, message: String, into out: inout [UInt8]) {
        append(DecisionTextReporter.renderUnread(line: number, message: message), into: &out)
    }

    package func worker() -> DecisionTextSink? { nil }

    private func append(_ block: String, into out: inout [UInt8]) {
        if started { out.append(0x0A) }
        started = true
        out.append(contentsOf: block.utf8)
    }
}
