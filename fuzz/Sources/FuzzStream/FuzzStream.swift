#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import FuzzSupport
@testable import HITLPolicy

// libFuzzer harness: the action stream (`eval FILE`, `eval -`). Each input is a whole actions
// file, read from a regular file and from a pipe. A pipe is read line by line: one decision
// line per non-blank line. A regular file is too, except that one pretty-printed object
// spread over several lines is decided whole: then its one decision is the line evaluator's
// for the document from its first non-blank line; otherwise the file gives the pipe's bytes.
// A one-line input gives the line evaluator's bytes. Any trap, sanitizer report or broken
// invariant below is a crash.

enum Policies {
    nonisolated(unsafe) static let payments = FuzzFiles.evaluator("policies/payments.yaml", explain: false)
}

/// Scratch files reused by every run: the stream's input (a regular file) and its output.
enum Scratch {
    static let input = FuzzFiles.temporaryFile()
    static let output = FuzzFiles.temporaryFile()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStream(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let lines = FuzzFiles.nonBlankLines(bytes)
    let fromFile = decideStream(bytes, Policies.payments, viaPipe: false, lines: lines)
    let whole = lines > 1 && fromFile.lazy.filter { $0 == 0x0A }.count == 1
    if whole {
        let (start, number) = FuzzFiles.firstNonBlankLine(bytes)
        var line: [UInt8] = []
        _ = Policies.payments.evaluate(line: UnsafeBufferPointer(rebasing: bytes[start...]), number: number, into: &line)
        expect(fromFile == line, "a file read as one object is decided differently from the line evaluator's decision for it")
    }
    if lines == 1, !bytes.contains(0x0A) {
        let line = FuzzFiles.decideLine(bytes, Policies.payments)
        expect(fromFile == line.output, "the stream and the line decide one line differently")
    }
    if size <= 60_000 {   // fits a pipe's buffer, so one write never blocks
        let fromPipe = decideStream(bytes, Policies.payments, viaPipe: true, lines: lines)
        // A file holding one pretty-printed object is decided whole; a pipe never waits for
        // the end of its input, so it decides that object's lines one by one.
        if !whole { expect(fromPipe == fromFile, "a pipe and a regular file decide the same input differently") }
    }
    return 0
}

/// The stream's output: one decision line per non-blank line, or (from a regular file only)
/// one for a single object spread over several lines.
func decideStream(_ bytes: UnsafeBufferPointer<UInt8>, _ evaluator: Evaluator, viaPipe: Bool, lines: Int) -> [UInt8] {
    let input: Int32
    var ends: [Int32] = [-1, -1]
    if viaPipe {
        expect(pipe(&ends) == 0, "pipe")
        FuzzFiles.writeAll(ends[1], bytes)
        close(ends[1])
        input = ends[0]
    } else {
        FuzzFiles.replace(Scratch.input, with: bytes)
        input = Scratch.input
    }
    FuzzFiles.replace(Scratch.output, with: UnsafeBufferPointer(start: nil, count: 0))
    let summary = ActionStream(input: input, output: Scratch.output).run(evaluator)
    if viaPipe { close(ends[0]) }
    let out = FuzzFiles.contents(Scratch.output)
    expect(summary.readError == nil && !summary.outputClosed, "the stream failed")
    expect(summary.decisions == lines || (!viaPipe && lines > 1 && summary.decisions == 1),
           "\(viaPipe ? "pipe" : "file"): \(summary.decisions) decisions for \(lines) non-blank lines")
    expect(out.lazy.filter { $0 == 0x0A }.count == summary.decisions, "output lines differ from the decision count")
    expect(out.isEmpty || out.last == 0x0A, "output does not end with a newline")
    expect(String(validating: out, as: UTF8.self) != nil, "stream output is not UTF-8")
    return out
}
