#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads actions from a file descriptor — JSON Lines, or one JSON object spread over several
/// lines — and writes what a sink (`ActionSink`) makes of each non-blank input line, in
/// order: `eval`'s JSON decision lines (`Evaluator`) or its text blocks (`DecisionTextSink`).
/// The reading, the lines, the limits, the flushing and the threads are here, once, for every
/// sink.
///
/// Memory stays flat: input is read in 1 MiB chunks, a line longer than `maxLine` is
/// answered with an `invalid` decision and skipped without being held, and output is
/// written in batches. When the input is a pipe or terminal, every decision for the lines
/// read is written before a read that would wait, so a caller that writes one action and
/// waits gets its answer; input that arrives in bulk is decided in batches by worker
/// threads, like a large file.
package struct ActionStream {
    /// Longest line evaluated (longer lines are `invalid`).
    package static let maxLine = 4 << 20
    /// Largest multi-line JSON object read whole (from a regular file): the line limit, so
    /// memory stays bounded by the longest accepted line.
    package static let maxDocument = maxLine

    /// How the stream ended.
    package struct Summary: Sendable {
        /// Decision lines written.
        package var decisions = 0
        /// The most restrictive verdict among the actions decided (nil when there was none).
        package var worst: Verdict?
        /// Why the output could not be written (`errno`: `EPIPE` when the reader closed the
        /// pipe); the stream stops at the first failed write.
        package var writeError: Int32?
        /// After a failed write: a non-blank line had been read but not decided.
        package var undecided = false
        /// A read error, if any.
        package var readError: String?
        /// What the notes about input that is not JSON Lines have seen.
        package var hints = InputHints()
        /// Why a decision could not be recorded (`recorder`); the stream stopped there, that
        /// decision not written.
        package var recordError: String?

        /// The output could not be written.
        package var outputClosed: Bool { writeError != nil }

        /// Records a failed write; `pending` is input read and not decided.
        mutating func failed(_ error: Int32, pending: some Collection<UInt8>) {
            writeError = error
            if ChunkReader.hasContent(pending) { undecided = true }
        }
    }

    /// Bytes of whole lines handed to a worker at a time.
    static let batchSize = 256 << 10
    /// Lines handed to a worker at a time.
    static let batchLines = 2048
    /// Lines from a pipe decided on the reading thread when no batch is in flight and the
    /// pipe has nothing more to give at once (handing them over would only add latency).
    static let handLines = 64

    let input: Int32
    let output: Int32
    let interactive: Bool
    let workers: Int
    /// Receives notes for a person about input that is not JSON Lines (`InputHints`), as
    /// they arise; `eval` writes them to standard error. Never called for a valid line.
    package var notice: ((String) -> Void)?
    /// Records each decision before it is written (the decision log): given the action line
    /// and its decision line, returns why it could not be recorded, or nil. When set, lines
    /// are decided in order on one thread, and the first failure stops the stream with that
    /// decision unwritten (a decision that was not logged is no go-ahead).
    package var recorder: ((UnsafeBufferPointer<UInt8>, ArraySlice<UInt8>) -> String?)?

    /// `input` and `output` are file descriptors. With `workers` > 1, a regular file larger
    /// than a few batches is decided by that many threads (output order is input order), and
    /// so is a pipe or terminal while it delivers more than a batch at once; the threads start
    /// only then, and whatever has been read is decided and written whenever the input has
    /// nothing more to read at once, so answers are immediate. A sink that gives no sinks for
    /// worker threads (`ActionSink.worker()`) is fed on one thread whatever `workers` says.
    package init(input: Int32, output: Int32, workers: Int = 1) {
        self.input = input
        self.output = output
        var st = stat()
        let regular = fstat(input, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
        interactive = !regular
        self.workers = !regular || Int(st.st_size) > 4 * Self.batchSize ? max(workers, 1) : 1
    }

    /// Worker threads worth starting here: the processors online, at most 8.
    package static var availableWorkers: Int {
        min(max(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 1), 8)
    }

    /// Feeds every line to `sink` and writes its output, to the end of input (or until the
    /// output closes).
    package func run(_ sink: some ActionSink) -> Summary { stream(sink) }

    /// `run(_:)` with `eval`'s JSON sink. The same stream, specialised here for the evaluator,
    /// so that its hot loop calls `evaluate(line:number:into:)` directly (a caller in another
    /// module would get the generic loop, calling the sink through its protocol per line).
    package func run(_ evaluator: Evaluator) -> Summary { stream(evaluator) }

    private func stream<Sink: ActionSink>(_ sink: Sink) -> Summary {
        var summary = decideAll(sink)
        if let note = summary.hints.finish(decisions: summary.decisions) { notice?(note) }
        return summary
    }

    /// After an invalid decision: follows runs of lines that are not UTF-8 (`InputHints`).
    func invalidLine(_ line: UnsafeBufferPointer<UInt8>, number: Int, summary: inout Summary) {
        guard !UTF8Check.isValid(line) else { return }
        if let note = summary.hints.notUTF8(line: number) { notice?(note) }
    }

    private func decideAll<Sink: ActionSink>(_ sink: Sink) -> Summary {
        var reader = ChunkReader(fd: input)
        var summary = Summary()
        var out: [UInt8] = []
        out.reserveCapacity(1 << 19)
        var lineNumber = 0

        /// Writes the pending decisions; on failure records it and returns false.
        func flush() -> Bool {
            defer { out.removeAll(keepingCapacity: true) }
            guard let e = send(out) else { return true }
            summary.failed(e, pending: reader.buffer[reader.start..<reader.end])
            return false
        }
        /// Decides one line; false when its decision could not be recorded (the stream stops,
        /// that decision unwritten).
        func evaluate(_ range: Range<Int>, number: Int) -> Bool {
            let start = out.count
            let verdict: Verdict? = reader.buffer.withUnsafeBufferPointer { b in
                let line = UnsafeBufferPointer(rebasing: b[range])
                let verdict = sink.decide(line: line, number: number, into: &out)
                if verdict == .invalid { invalidLine(line, number: number, summary: &summary) }
                if let recorder, let failure = recorder(line, out[start...]) {
                    out.removeSubrange(start...)
                    summary.recordError = failure
                    summary.undecided = true
                    return nil
                }
                return verdict
            }
            guard let verdict else { return false }
            summary.decisions += 1
            summary.worst = max(summary.worst ?? verdict, verdict)
            return true
        }
        /// Answers a line longer than the limit, unread; false when that answer could not be
        /// recorded (the stream stops, the answer unwritten).
        func unread(number: Int) -> Bool {
            let start = out.count
            tooLong(sink, number: number, into: &out, summary: &summary)
            guard let recorder, let failure = recorder(UnsafeBufferPointer(start: nil, count: 0), out[start...]) else { return true }
            out.removeSubrange(start...)
            summary.recordError = failure
            summary.undecided = true
            return false
        }
        func handleLine(_ range: Range<Int>, number: Int) -> Bool {
            // Not `||`: its autoclosure would make every captured variable's access a
            // dynamic exclusivity check.
            if range.count > Self.maxLine { return unread(number: number) }
            if reader.isBlank(range) { return true }
            return evaluate(range, number: number)
        }

        // The first non-blank line of a regular file decides the shape: if it ends inside a
        // JSON value, the file may be one pretty-printed object, so read it whole (bounded)
        // and try that first. Never from a pipe or terminal: waiting there for the end of
        // input would hold back the answers to every complete line after a bad one.
        var skipped = 0
        while true {
            if let nl = reader.newline() {
                let line = reader.start..<nl
                if line.count <= Self.maxLine, reader.isBlank(line) { skipped += 1; reader.start = nl + 1; continue }
                // From a pipe, a line ending in '}' is taken to be whole (as a valid action's
                // line is) without scanning it again.
                if (!interactive || !reader.endsWithBrace(line)), reader.endsInsideValue(line) {
                    if !interactive {
                        while !reader.eof && reader.pending < Self.maxDocument { reader.fill(upTo: Self.maxDocument) }
                        if reader.eof, reader.isSingleObject(reader.start..<reader.end) {
                            _ = evaluate(reader.start..<reader.end, number: skipped + 1)
                            reader.start = reader.end
                            _ = flush()
                            summary.readError = reader.error
                            return summary
                        }
                    }
                    notice?(InputHints.multiLine(line: skipped + 1, fromPipe: interactive))
                }
                break
            }
            if reader.eof || reader.pending > Self.maxLine { break }
            reader.fill(upTo: Self.maxLine + ChunkReader.chunk)
        }
        lineNumber = skipped

        if workers > 1, recorder == nil {
            return runBatches(sink, reader: &reader, lineNumber: lineNumber, out: &out, summary: summary)
        }

        while true {
            while let nl = reader.newline() {
                lineNumber += 1
                let go = handleLine(reader.start..<nl, number: lineNumber)
                reader.start = nl + 1
                if !go {
                    _ = flush()
                    return summary
                }
                if out.count >= 1 << 18, !flush() { return summary }
            }
            if reader.eof {
                if reader.pending > 0 { _ = handleLine(reader.start..<reader.end, number: lineNumber + 1) }
                reader.start = reader.end
                _ = flush()
                summary.readError = reader.error
                return summary
            }
            if reader.pending > Self.maxLine {
                // A line longer than the limit, its end not read yet: answered, then skipped
                // without being held.
                lineNumber += 1
                if !unread(number: lineNumber) {
                    _ = flush()
                    return summary
                }
                reader.skipLine()
                continue
            }
            if interactive, !out.isEmpty, !flush() { return summary }
            reader.fill(upTo: Self.maxLine + ChunkReader.chunk)
        }
    }

    /// The answer to a line longer than `maxLine` (`invalid`, the line unread).
    func tooLong(_ sink: some ActionSink, number: Int, into out: inout [UInt8], summary: inout Summary) {
        sink.unread(line: number, message: "the line is longer than \(Self.maxLine) bytes", into: &out)
        summary.decisions += 1
        summary.worst = .invalid
    }

    /// Writes bytes to the output; the `errno` of a failed write, nil when all were written.
    func send(_ bytes: [UInt8]) -> Int32? {
        bytes.withUnsafeBufferPointer { b -> Int32? in
            guard let base = b.baseAddress else { return nil }
            var offset = 0
            while offset < b.count {
                let n = write(output, base + offset, b.count - offset)
                if n < 0 {
                    let e = errno
                    if e == EINTR { continue }
                    return e
                }
                offset += n
            }
            return nil
        }
    }
}
