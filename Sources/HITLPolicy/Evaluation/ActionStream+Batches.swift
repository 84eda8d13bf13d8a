#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ActionStream {
    /// The JSON Lines loop with worker threads (a regular file only): whole lines are cut
    /// into batches (at most `batchSize` bytes and `batchLines` lines), decided by the pool,
    /// and written in input order. At most two batches per worker are in flight, so memory
    /// stays flat however long the file.
    func runBatches(_ pool: EvaluationPool, reader: inout ChunkReader, lineNumber first: Int,
                    out: inout [UInt8], summary initial: Summary) -> Summary {
        var summary = initial
        var lineNumber = first
        let batches = (0..<(2 * workers)).map { _ in LineBatch() }
        var next = 0, inFlight = 0
        if !out.isEmpty {
            guard send(out) else { summary.outputClosed = true; return summary }
            out.removeAll(keepingCapacity: true)
        }

        /// Waits for the oldest batch in flight and writes its decisions.
        func collect() -> Bool {
            let batch = batches[(next - inFlight + batches.count) % batches.count]
            pool.wait(for: batch)
            inFlight -= 1
            summary.decisions += batch.decisions
            if let w = batch.worst { summary.worst = max(summary.worst ?? w, w) }
            return send(batch.output)
        }
        func drain() -> Bool {
            while inFlight > 0 { if !collect() { return false } }
            return true
        }

        while true {
            if let (cut, lines) = reader.batchEnd(limit: Self.batchSize, maxLines: Self.batchLines) {
                if inFlight == batches.count, !collect() { summary.outputClosed = true; return summary }
                let batch = batches[next]
                batch.input.removeAll(keepingCapacity: true)
                let start = reader.start
                reader.buffer.withUnsafeBufferPointer { batch.input.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<cut])) }
                batch.lineBefore = lineNumber
                lineNumber += lines
                reader.start = cut
                pool.submit(batch)
                next = (next + 1) % batches.count
                inFlight += 1
                continue
            }
            if reader.eof || reader.pending >= Self.maxLine {
                guard drain() else { summary.outputClosed = true; return summary }
                if reader.eof {
                    if reader.pending > 0, !reader.isBlank(reader.start..<reader.end) {
                        let verdict = reader.buffer.withUnsafeBufferPointer { b in
                            evaluator.evaluate(line: UnsafeBufferPointer(rebasing: b[reader.start..<reader.end]), number: lineNumber + 1, into: &out)
                        }
                        summary.decisions += 1
                        summary.worst = max(summary.worst ?? verdict, verdict)
                    }
                    if !send(out) { summary.outputClosed = true }
                    summary.readError = reader.error
                    return summary
                }
                lineNumber += 1
                tooLong(number: lineNumber, into: &out, summary: &summary)
                guard send(out) else { summary.outputClosed = true; return summary }
                out.removeAll(keepingCapacity: true)
                reader.skipLine()
                continue
            }
            reader.fill(upTo: Self.maxLine + ChunkReader.chunk)
        }
    }
}
