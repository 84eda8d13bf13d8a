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
/// written in batches. When the input is a pipe or terminal, pending decisions are written
/// before every read, so a caller that writes one action and waits gets its answer.
public struct ActionStream {
    /// Longest line evaluated (longer lines are `invalid`).
    public static let maxLine = 4 << 20
    /// Largest multi-line JSON object read whole.
    public static let maxDocument = 32 << 20

    /// How the stream ended.
    public struct Summary: Sendable {
        /// Decision lines written.
        public var decisions = 0
        /// The most restrictive verdict (nil when there was no action).
        public var worst: Verdict?
        /// The reader closed the output.
        public var outputClosed = false
        /// A read error, if any.
        public var readError: String?
    }

    let evaluator: Evaluator
    let input: Int32
    let output: Int32
    let interactive: Bool

    /// `input` and `output` are file descriptors.
    public init(evaluator: Evaluator, input: Int32, output: Int32) {
        self.evaluator = evaluator
        self.input = input
        self.output = output
        var st = stat()
        interactive = fstat(input, &st) != 0 || (st.st_mode & S_IFMT) != S_IFREG
    }

    /// Runs to the end of input (or until the output closes).
    public func run() -> Summary {
        var reader = ChunkReader(fd: input)
        var summary = Summary()
        var out: [UInt8] = []
        out.reserveCapacity(1 << 19)
        var lineNumber = 0

        func flush() -> Bool {
            defer { out.removeAll(keepingCapacity: true) }
            return out.withUnsafeBufferPointer { b -> Bool in
                var offset = 0
                while offset < b.count {
                    let n = write(output, b.baseAddress! + offset, b.count - offset)
                    if n < 0 { if errno == EINTR { continue }; return false }
                    offset += n
                }
                return true
            }
        }
        func evaluate(_ range: Range<Int>, number: Int) {
            let verdict = reader.buffer.withUnsafeBufferPointer { b in
                evaluator.evaluate(line: UnsafeBufferPointer(rebasing: b[range]), number: number, into: &out)
            }
            summary.decisions += 1
            summary.worst = max(summary.worst ?? verdict, verdict)
        }
        func handleLine(_ range: Range<Int>, number: Int) {
            if !reader.isBlank(range) { evaluate(range, number: number) }
        }

        // The first non-blank line decides the shape: if it ends inside a JSON value, the input
        // may be one pretty-printed object, so read it whole (bounded) and try that first.
        var skipped = 0
        while true {
            if let nl = reader.newline() {
                let line = reader.start..<nl
                if reader.isBlank(line) { skipped += 1; reader.start = nl + 1; continue }
                if reader.endsInsideValue(line) {
                    while !reader.eof && reader.pending < Self.maxDocument { reader.fill(upTo: Self.maxDocument) }
                    if reader.eof, reader.isSingleObject(reader.start..<reader.end) {
                        evaluate(reader.start..<reader.end, number: skipped + 1)
                        if !flush() { summary.outputClosed = true }
                        summary.readError = reader.error
                        return summary
                    }
                }
                break
            }
            if reader.eof || reader.pending >= Self.maxLine { break }
            reader.fill(upTo: Self.maxLine + ChunkReader.chunk)
        }
        lineNumber = skipped

        while true {
            while let nl = reader.newline() {
                lineNumber += 1
                handleLine(reader.start..<nl, number: lineNumber)
                reader.start = nl + 1
                if out.count >= 1 << 18, !flush() { summary.outputClosed = true; return summary }
            }
            if reader.eof {
                if reader.pending > 0 { handleLine(reader.start..<reader.end, number: lineNumber + 1) }
                if !flush() { summary.outputClosed = true }
                summary.readError = reader.error
                return summary
            }
            if reader.pending >= Self.maxLine {
                lineNumber += 1
                out.append(contentsOf: "{\"line\":".utf8)
                out.appendInt(lineNumber)
                out.append(contentsOf: ",\"decision\":\"invalid\",\"review\":false,\"approvals\":[],\"errors\":[{\"message\":\"the line is longer than \(Self.maxLine) bytes\"}],\"policy\":".utf8)
                out.appendJSONString(evaluator.table.policy)
                out.append(contentsOf: ",\"policy_digest\":".utf8)
                out.appendJSONString(evaluator.table.policyDigest)
                out.append(contentsOf: "}\n".utf8)
                summary.decisions += 1
                summary.worst = .invalid
                reader.skipLine()
                continue
            }
            if interactive, !out.isEmpty, !flush() { summary.outputClosed = true; return summary }
            reader.fill(upTo: Self.maxLine + ChunkReader.chunk)
        }
    }
}

/// A growable read buffer over a file descriptor.
struct ChunkReader {
    static let chunk = 1 << 20

    let fd: Int32
    var buffer = [UInt8](repeating: 0, count: chunk)
    var start = 0
    var end = 0
    var eof = false
    var error: String?

    init(fd: Int32) { self.fd = fd }

    var pending: Int { end - start }

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
            let grow = min(buffer.count, max(limit - buffer.count, Self.chunk))
            buffer += [UInt8](repeating: 0, count: grow)
        }
        let e = end
        let n = buffer.withUnsafeMutableBufferPointer { b in read(fd, b.baseAddress! + e, b.count - e) }
        if n > 0 { end += n }
        else if n == 0 { eof = true }
        else if errno != EINTR { error = String(cString: strerror(errno)); eof = true }
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

    func isBlank(_ r: Range<Int>) -> Bool {
        buffer[r].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    /// Whether the bytes begin a JSON value that ends beyond them.
    func endsInsideValue(_ r: Range<Int>) -> Bool {
        buffer.withUnsafeBufferPointer { b in
            var s = JSONScanner(UnsafeBufferPointer(rebasing: b[r]))
            do throws(JSONSyntaxError) {
                try s.skipValue()
                return false
            } catch {
                return error.incomplete
            }
        }
    }

    /// Whether the bytes are exactly one JSON object (white space around it allowed).
    func isSingleObject(_ r: Range<Int>) -> Bool {
        buffer.withUnsafeBufferPointer { b in
            var s = JSONScanner(UnsafeBufferPointer(rebasing: b[r]))
            s.skipSpace()
            guard s.i < r.count, b[r.lowerBound + s.i] == 0x7B else { return false }
            do throws(JSONSyntaxError) {
                try s.skipValue()
                s.skipSpace()
                return s.i == r.count
            } catch {
                return false
            }
        }
    }
}
