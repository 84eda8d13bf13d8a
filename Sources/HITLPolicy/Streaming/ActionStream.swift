#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads actions from a file descriptor — JSON Lines, or one JSON object spread over several
/// lines — and writes one decision line per non-blank input line, in order.
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

    let evaluator: Evaluator
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
    /// nothing more to read at once, so answers are immediate.
    package init(evaluator: Evaluator, input: Int32, output: Int32, workers: Int = 1) {
        self.evaluator = evaluator
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

    /// Runs to the end of input (or until the output closes).
    package func run() -> Summary {
        var summary = decideAll()
        if let note = summary.hints.finish(decisions: summary.decisions) { notice?(note) }
        return summary
    }

    /// After an invalid decision: follows runs of lines that are not UTF-8 (`InputHints`).
    func invalidLine(_ line: UnsafeBufferPointer<UInt8>, number: Int, summary: inout Summary) {
        guard !UTF8Check.isValid(line) else { return }
        if let note = summary.hints.notUTF8(line: number) { notice?(note) }
    }

    private func decideAll() -> Summary {
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
                let verdict = evaluator.evaluate(line: line, number: number, into: &out)
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
        func handleLine(_ range: Range<Int>, number: Int) -> Bool {
            // Not `||`: its autoclosure would make every captured variable's access a
            // dynamic exclusivity check.
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
                if reader.isBlank(line) { skipped += 1; reader.start = nl + 1; continue }
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
            if reader.eof || reader.pending >= Self.maxLine { break }
            reader.fill(upTo: Self.maxLine + ChunkReader.chunk)
        }
        lineNumber = skipped

        if workers > 1, recorder == nil {
            return runBatches(reader: &reader, lineNumber: lineNumber, out: &out, summary: summary)
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
            if reader.pending >= Self.maxLine {
                lineNumber += 1
                let start = out.count
                tooLong(number: lineNumber, into: &out, summary: &summary)
                if let recorder, let failure = recorder(UnsafeBufferPointer(start: nil, count: 0), out[start...]) {
                    out.removeSubrange(start...)
                    summary.recordError = failure
                    summary.undecided = true
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

    /// The decision for a line longer than `maxLine`.
    func tooLong(number: Int, into out: inout [UInt8], summary: inout Summary) {
        DecisionJSON.appendInvalid(id: nil, line: number, capability: nil,
                                   errors: [FieldError(field: nil, message: "the line is longer than \(Self.maxLine) bytes")],
                                   policy: evaluator.table.policy, policyDigest: evaluator.table.policyDigest, into: &out)
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

/// A growable read buffer over a file descriptor.
struct ChunkReader {
    static let chunk = 1 << 20

    let fd: Int32
    var buffer: [UInt8]
    var start = 0
    var end = 0
    var eof = false
    var error: String?

    /// A small file gets a buffer its size (plus room to see the end), a pipe 64 KiB:
    /// zeroing a whole chunk for one action costs more than the rest of the evaluation.
    init(fd: Int32) {
        self.fd = fd
        var st = stat()
        var size = Self.chunk
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG {
            if st.st_size >= 0, Int(st.st_size) < Self.chunk { size = max(Int(st.st_size) + 1, 4096) }
        } else {
            size = 64 << 10   // a pipe delivers at most this much per read; the buffer grows for longer lines
            Self.widenPipe(fd)
        }
        buffer = [UInt8](repeating: 0, count: size)
    }

    var pending: Int { end - start }

    /// Asks for a 1 MiB pipe buffer (Linux's default is 64 KiB; 1 MiB is the most an
    /// unprivileged process may ask for): a writer such as `cat` then runs ahead by up to a
    /// megabyte instead of waking the reader every 64 KiB. Reads still return whatever is
    /// there, so an interactive writer's line is answered as before. Not a pipe, or refused:
    /// nothing changes.
    static func widenPipe(_ fd: Int32) {
        #if os(Linux)
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFIFO else { return }
        let setPipeSize: Int32 = 1031   // F_SETPIPE_SZ (F_LINUX_SPECIFIC_BASE + 7)
        _ = fcntl(fd, setPipeSize, Int32(1 << 20))
        #endif
    }

    /// The index of the next newline in the pending bytes.
    func newline() -> Int? {
        buffer.withUnsafeBufferPointer { b -> Int? in
            guard start < end, let p = memchr(b.baseAddress! + start, 0x0A, end - start) else { return nil }
            return b.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Reads once more, keeping the buffer at most `limit` bytes (plus what is pending).
    mutating func fill(upTo limit: Int) {
        if start > 0 {
            let s = start, n = end - start
            buffer.withUnsafeMutableBufferPointer { b in _ = memmove(b.baseAddress!, b.baseAddress! + s, n) }
            end = n
            start = 0
        }
        if end == buffer.count {
            let grow = max(min(buffer.count, limit - buffer.count), Self.chunk - buffer.count, 4096)
            buffer += [UInt8](repeating: 0, count: grow)
        }
        let e = end
        let n = buffer.withUnsafeMutableBufferPointer { b in read(fd, b.baseAddress! + e, b.count - e) }
        if n > 0 { end += n }
        else if n == 0 { eof = true }
        else if errno != EINTR { error = String(cString: strerror(errno)); eof = true }
    }

    /// Where a batch of whole lines starting at `start` ends (just past a newline), and how
    /// many lines it holds: as many lines as fit in `limit` bytes, at most `maxLines` (short
    /// lines make long decisions, so output stays bounded too), or the first line alone when
    /// it is longer; nil when no newline is pending.
    func batchEnd(limit: Int, maxLines: Int) -> (end: Int, lines: Int)? {
        buffer.withUnsafeBufferPointer { b -> (end: Int, lines: Int)? in
            guard start < end, let base = b.baseAddress else { return nil }
            let stop = start + min(end - start, limit)
            var k = start, lines = 0
            while lines < maxLines, k < stop, let p = memchr(base + k, 0x0A, stop - k) {
                k = base.distance(to: p.assumingMemoryBound(to: UInt8.self)) + 1
                lines += 1
            }
            if lines > 0 { return (k, lines) }
            return newline().map { ($0 + 1, 1) }
        }
    }

    /// Whether a read would return at once (with bytes, the end of input or an error):
    /// whether a pipe or terminal has more to give right now.
    func ready() -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            let n = poll(&p, 1, 0)
            if n >= 0 || errno != EINTR { return n > 0 }   // a failed poll: flush, then read as before
        }
    }

    /// One line of JSON Lines input, as `nextLine` reads it.
    enum Line {
        /// The line's bytes in `buffer`, without the newline; valid until the next read.
        case line(Range<Int>)
        /// A line longer than the limit, skipped without being held.
        case tooLong
    }

    /// The next line, reading as needed (the last line needs no newline); nil at the end of
    /// the input, or after a read error (`error`). The JSON Lines reader of the commands that
    /// read actions line by line outside `ActionStream` (`diff --traffic`).
    mutating func nextLine(limit: Int) -> Line? {
        while true {
            if let nl = newline() {
                let r = start..<nl
                start = nl + 1
                return r.count > limit ? .tooLong : .line(r)
            }
            if pending > limit {
                skipLine()
                return .tooLong
            }
            if eof {
                guard pending > 0 else { return nil }
                let r = start..<end
                start = end
                return .line(r)
            }
            fill(upTo: limit + 1)
        }
    }

    /// Drops the rest of an over-long line, reading as needed, without holding it.
    mutating func skipLine() {
        while true {
            if let nl = newline() { start = nl + 1; return }
            start = 0
            end = 0
            if eof { return }
            let n = buffer.withUnsafeMutableBufferPointer { b in read(fd, b.baseAddress!, min(b.count, Self.chunk)) }
            if n > 0 { end = n }
            else if n == 0 { eof = true }
            else if errno != EINTR { error = String(cString: strerror(errno)); eof = true }
        }
    }

    func isBlank(_ r: Range<Int>) -> Bool { Self.isBlank(buffer[r]) }

    /// Whether bytes (several lines, perhaps) hold anything but white space.
    static func hasContent(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.contains { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A) }
    }

    /// Whether a line holds only spaces, tabs and carriage returns (no decision for it),
    /// after a byte order mark if it starts with one.
    static func isBlank(_ line: some Collection<UInt8>) -> Bool {
        line.dropFirst(ByteOrderMark.length(line)).allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    /// Whether the last byte of a line that is not white space is `}`.
    func endsWithBrace(_ r: Range<Int>) -> Bool {
        buffer[r].last { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D) } == 0x7D
    }

    /// Whether the bytes begin a JSON value that ends beyond them.
    func endsInsideValue(_ r: Range<Int>) -> Bool {
        buffer.withUnsafeBufferPointer { b in InputHints.endsInsideValue(UnsafeBufferPointer(rebasing: b[r])) }
    }

    /// Whether the bytes are exactly one JSON object (white space around it allowed).
    func isSingleObject(_ r: Range<Int>) -> Bool {
        buffer.withUnsafeBufferPointer { b in
            var s = JSONScanner(ByteOrderMark.dropping(UnsafeBufferPointer(rebasing: b[r])))
            s.skipSpace()
            guard s.i < s.b.count, s.b[s.i] == 0x7B else { return false }
            do throws(JSONSyntaxError) {
                try s.skipValue()
                s.skipSpace()
                return s.i == s.b.count
            } catch {
                return false
            }
        }
    }
}
