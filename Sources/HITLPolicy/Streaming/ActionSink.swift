/// What an `ActionStream` makes of the actions it reads: for each non-blank line, the output
/// for it and its verdict. The stream does everything else once, for every sink: reading,
/// lines, blank lines, byte order marks, the line limit, a pretty-printed object in a
/// regular file, worker threads, output order, flushing and the notes (`InputHints`).
///
/// `eval` has two: `Evaluator` (a JSON decision line per action, the default output) and
/// `DecisionTextSink` (`--format text`: a block per action for a person). A sink is a class:
/// the stream and its batches share it (and its state, such as whether a block came before).
package protocol ActionSink: AnyObject {
    /// Decides line `number` (its bytes without the newline; not blank, at most
    /// `ActionStream.maxLine` bytes, perhaps starting with a byte order mark, or a whole
    /// pretty-printed object) and appends its output to `out`.
    func decide(line: UnsafeBufferPointer<UInt8>, number: Int, into out: inout [UInt8]) -> Verdict

    /// Appends the output for line `number`, which is not read (`message` says why: it is
    /// longer than the limit); its verdict is `invalid`.
    func unread(line number: Int, message: String, into out: inout [UInt8])

    /// A sink for another worker thread, deciding lines at the same time as this one and
    /// independently of it (the evaluator: another over the same table); nil when every line
    /// must come to this sink, in order (the stream then decides on one thread).
    func worker() -> Self?
}
