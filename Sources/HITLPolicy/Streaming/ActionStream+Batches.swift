#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ActionStream {
    /// The JSON Lines loop with worker threads: whole lines are cut into batches (at most
    /// `batchSize` bytes and `batchLines` lines), decided by the pool (each thread with its
    /// own sink, `ActionSink.worker()`), and written in input order. At most two batches per worker are in flight, and a worker hands its batch
    /// back whenever its decisions reach the output limit (the rest is decided after they
    /// are written), so memory stays flat however long the file, however long the decisions
    /// and whatever `--jobs`. A line longer than a batch is decided here.
    ///
    /// From a pipe or terminal, reading goes on while the input has more to give at once,
    /// until a batch is full; once it has none, everything read is decided and written
    /// before the next read (a few lines here, on this thread, when no batch is in flight),
    /// so a caller that writes one action and waits gets its answer. The threads start with
    /// the first batch handed to them; if they cannot (or the sink gives no sinks for them),
    /// batches are decided here, with `sink`.
    func runBatches<Sink: ActionSink>(_ sink: Sink, reader: inout ChunkReader, lineNumber first: Int,
                    out: inout [UInt8], summary initial: Summary) -> Summary {
        var summary = initial
        var lineNumber = first
        var pool: EvaluationPool<LineBatch<Sink>>?
        var threadsFailed = false
        defer { pool?.shutdown() }
        // Up to 16 batches in flight get the full sizes; more share the same budget, so
        // memory does not grow with `--jobs` (at most about 4 MiB of input and 16 MiB of
        // output in flight, plus one line's decision per batch).
        let count = 2 * workers
        let inputLimit = Self.batchSize * 16 / max(count, 16)
        let outputLimit = LineBatch<Sink>.outputLimit * 16 / max(count, 16)
        let batches = (0..<count).map { _ in LineBatch<Sink>(outputLimit: outputLimit) }
        var next = 0, inFlight = 0
        if !out.isEmpty {
            if let e = send(out) { summary.failed(e, pending: reader.buffer[reader.start..<reader.end]); return summary }
            out.removeAll(keepingCapacity: true)
        }

        var oldest: LineBatch<Sink> { batches[(next - inFlight + batches.count) % batches.count] }
        func submit(_ batch: LineBatch<Sink>, first: Bool = false) {
            if pool == nil, !threadsFailed {
                let sinks = (0..<workers).compactMap { _ in sink.worker() }
                pool = sinks.count == workers ? EvaluationPool<LineBatch<Sink>>(workers: sinks) : nil
                threadsFailed = pool == nil
            }
            if let pool { return pool.submit(batch, first: first) }
            batch.evaluate(with: sink)
            batch.done = true
        }
        func wait(for batch: LineBatch<Sink>) { pool?.wait(for: batch) }
        /// Waits for the oldest batch in flight and writes its decisions, piece by piece; the
        /// `errno` of a failed write.
        func collect() -> Int32? {
            let batch = oldest
            while true {
                wait(for: batch)
                summary.decisions += batch.decisions
                if let w = batch.worst { summary.worst = max(summary.worst ?? w, w) }
                for n in batch.notUTF8 {
                    if let note = summary.hints.notUTF8(line: n) { notice?(note) }
                }
                if let e = send(batch.output) {
                    inFlight -= 1
                    if batch.hasUndecided { summary.undecided = true }
                    return e
                }
                if batch.finished { break }
                submit(batch, first: true)
            }
            inFlight -= 1
            return nil
        }
        func drain() -> Int32? {
            while inFlight > 0 { if let e = collect() { return e } }
            return nil
        }
        /// After a failed write: the verdicts of the batches in flight still count, and any
        /// line read but not decided makes the summary say so.
        func abandon(_ e: Int32) -> Summary {
            summary.failed(e, pending: reader.buffer[reader.start..<reader.end])
            while inFlight > 0 {
                let batch = oldest
                wait(for: batch)
                summary.decisions += batch.decisions
                if let w = batch.worst { summary.worst = max(summary.worst ?? w, w) }
                if batch.hasUndecided { summary.undecided = true }
                inFlight -= 1
            }
            return summary
        }
        /// Decides a line on this thread: one longer than a batch, a few from a pipe, the last.
        func decideHere(_ range: Range<Int>, number: Int) {
            if range.count > Self.maxLine { return tooLong(sink, number: number, into: &out, summary: &summary) }
            if reader.isBlank(range) { return }
            let verdict = reader.buffer.withUnsafeBufferPointer { b in
                let line = UnsafeBufferPointer(rebasing: b[range])
                let verdict = sink.decide(line: line, number: number, into: &out)
                if verdict == .invalid { invalidLine(line, number: number, summary: &summary) }
                return verdict
            }
            summary.decisions += 1
            summary.worst = max(summary.worst ?? verdict, verdict)
        }

        while true {
            // A pipe with more to give now: read on until a batch is full.
            if interactive, !reader.eof, reader.pending < inputLimit, reader.ready() {
                reader.fill(upTo: Self.maxLine + ChunkReader.chunk)
                continue
            }
            if let (cut, lines) = reader.batchEnd(limit: inputLimit, maxLines: Self.batchLines) {
                if cut - reader.start > inputLimit {
                    // One line longer than a batch: decided here once the batches before it are
                    // written, so no batch ever holds more than `inputLimit` bytes of input.
                    if let e = drain() { return abandon(e) }
                    lineNumber += 1
                    decideHere(reader.start..<(cut - 1), number: lineNumber)
                    reader.start = cut
                    if let e = send(out) { out.removeAll(); return abandon(e) }
                    out.removeAll(keepingCapacity: out.capacity <= 1 << 20)
                    continue
                }
                if interactive, inFlight == 0, lines <= Self.handLines, reader.pending < inputLimit {
                    // A few lines from a pipe with nothing more to give now: decided here, at once.
                    var k = reader.start
                    while let nl = reader.newline(), nl < cut {
                        lineNumber += 1
                        decideHere(k..<nl, number: lineNumber)
                        k = nl + 1
                        reader.start = k
                    }
                    if let e = send(out) { out.removeAll(); return abandon(e) }
                    out.removeAll(keepingCapacity: true)
                    continue
                }
                if inFlight == batches.count, let e = collect() { return abandon(e) }
                let batch = batches[next]
                batch.input.removeAll(keepingCapacity: true)
                let start = reader.start
                reader.buffer.withUnsafeBufferPointer { batch.input.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<cut])) }
                batch.lineBefore = lineNumber
                batch.consumed = 0
                lineNumber += lines
                reader.start = cut
                submit(batch)
                next = (next + 1) % batches.count
                inFlight += 1
                continue
            }
            if reader.eof || reader.pending > Self.maxLine {
                if let e = drain() { return abandon(e) }
                if reader.eof {
                    if reader.pending > 0 { decideHere(reader.start..<reader.end, number: lineNumber + 1) }
                    reader.start = reader.end
                    if let e = send(out) { summary.failed(e, pending: []) }
                    summary.readError = reader.error
                    return summary
                }
                lineNumber += 1
                tooLong(sink, number: lineNumber, into: &out, summary: &summary)
                reader.skipLine()
                if let e = send(out) { return abandon(e) }
                out.removeAll(keepingCapacity: true)
                continue
            }
            // Nothing more to read at once from a pipe: every decision in flight goes out before
            // a read that would wait. One batch at a time, looking at the pipe again after each:
            // a writer that is only slower than the workers (`cat` on a busy machine) keeps the
            // batches coming instead of emptying the pipeline every time it falls behind.
            if interactive, inFlight > 0, !reader.ready() {
                if let e = collect() { return abandon(e) }
                continue
            }
            reader.fill(upTo: Self.maxLine + ChunkReader.chunk)
        }
    }
}
