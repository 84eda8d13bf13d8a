#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A run of whole input lines and, once decided by a sink, their output — all of it, or the
/// first piece when it reaches `outputLimit` (the collector writes it and hands the batch
/// back for the rest, so a worker never holds more than about that much output).
final class LineBatch<Sink: ActionSink>: PoolBatch, @unchecked Sendable {
    /// Output bytes after which a worker stops and hands over what it has (with up to 16
    /// batches in flight; more share 16 times this).
    static var outputLimit: Int { 1 << 20 }

    let outputLimit: Int

    init(outputLimit: Int) {
        self.outputLimit = outputLimit
    }

    /// The lines, each ending in a newline.
    var input: [UInt8] = []
    /// Bytes of `input` decided so far.
    var consumed = 0
    /// The number of the line before the first line not yet decided.
    var lineBefore = 0
    /// The output of the last piece, in input order.
    var output: [UInt8] = []
    var decisions = 0
    var worst: Verdict?
    /// Numbers of the last piece's lines that were invalid for not being UTF-8, in order
    /// (for `InputHints`; recorded only for invalid lines).
    var notUTF8: [Int] = []
    /// Set by the worker under the pool's lock.
    var done = false

    /// Whether every line has been decided.
    var finished: Bool { consumed >= input.count }

    /// Whether a non-blank line is left undecided.
    var hasUndecided: Bool { !finished && ChunkReader.hasContent(input[consumed...]) }

    func run(with sink: Sink) { evaluate(with: sink) }

    /// Decides the non-blank lines from `consumed` on with `sink`, until the input ends or
    /// the output reaches `outputLimit`. Every line is shorter than `ActionStream.maxLine`
    /// (a batch holds at most `ActionStream.batchSize` bytes).
    func evaluate(with sink: Sink) {
        // The output and counts live in locals while deciding: a class's stored `var`,
        // passed `inout` per line, costs a dynamic exclusivity check per line.
        var output: [UInt8] = []
        swap(&output, &self.output)
        output.removeAll(keepingCapacity: true)
        var decisions = 0
        var worst: Verdict?
        defer {
            swap(&output, &self.output)
            self.decisions = decisions
            self.worst = worst
        }
        var number = lineBefore
        var start = consumed
        let outputLimit = self.outputLimit
        notUTF8.removeAll(keepingCapacity: true)
        input.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            while start < b.count, output.count < outputLimit {
                let end = memchr(base + start, 0x0A, b.count - start).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? b.count
                number += 1
                let line = UnsafeBufferPointer(rebasing: b[start..<end])
                if !ChunkReader.isBlank(line) {
                    let verdict = sink.decide(line: line, number: number, into: &output)
                    if verdict == .invalid, !UTF8Check.isValid(line) { notUTF8.append(number) }
                    decisions += 1
                    worst = max(worst ?? verdict, verdict)
                }
                start = end + 1
            }
        }
        consumed = min(start, input.count)
        lineBefore = number
    }
}
