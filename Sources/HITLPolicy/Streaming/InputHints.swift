/// Notes for a person about input that is not JSON Lines, which `eval` writes to standard
/// error (the decisions on standard output are unchanged: still one per non-blank line).
/// Nothing here runs for a valid line: a run of lines that are not UTF-8 is followed only
/// through invalid decisions, and a value spread over lines is looked for once, at the
/// first line.
package struct InputHints: Sendable {
    /// The shortest run of consecutive lines that are not UTF-8 reported (a shorter run is
    /// reported only when it is the whole input).
    package static let minimumRun = 3

    /// The current run of consecutive non-UTF-8 lines (line numbers).
    private var run: ClosedRange<Int>?
    /// Whether a run was reported: there is one note per input.
    private var reported = false

    package init() {}

    /// Records that decided line `number` is not UTF-8 (called for invalid lines only);
    /// returns a note when this ends a run worth reporting.
    package mutating func notUTF8(line number: Int) -> String? {
        if let r = run, number == r.upperBound + 1 {
            run = r.lowerBound...number
            return nil
        }
        let ended = report(decisions: nil)
        run = number...number
        return ended
    }

    /// At the end of the input (`decisions` decision lines written): the note for a run
    /// still open, if it is worth reporting.
    package mutating func finish(decisions: Int) -> String? {
        report(decisions: decisions)
    }

    private mutating func report(decisions: Int?) -> String? {
        guard !reported, let r = run, r.count >= Self.minimumRun || r.count == decisions else { return nil }
        reported = true
        let lines = r.count == 1 ? "line \(r.lowerBound) is" : "lines \(r.lowerBound)-\(r.upperBound) are"
        return "\(lines) not UTF-8 text: this is not JSON Lines (one JSON object per line, in UTF-8); "
            + "was a binary file, or text in another encoding, given as the actions?"
    }

    /// Whether a line (after a byte order mark) begins a JSON value that ends beyond it.
    package static func endsInsideValue(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var s = JSONScanner(ByteOrderMark.dropping(line))
        do throws(JSONSyntaxError) {
            try s.skipValue()
            return false
        } catch {
            return error.incomplete
        }
    }

    /// Whether bytes are UTF-8 text.
    package static func isUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { UTF8Check.isValid(bytes) }

    /// The note for a first line (`number`) that opens a JSON value ending on a later line:
    /// a pretty-printed object, which eval reads as one action only from a regular file that
    /// holds nothing else.
    package static func multiLine(line number: Int, fromPipe: Bool) -> String {
        "line \(number) starts a JSON value that continues on the next lines, but eval reads one action per line "
            + "(JSON Lines): put each action on one line, for example with `jq -c .`"
            + (fromPipe ? " (a file named on the command line may hold a single pretty-printed object)" : "")
    }
}
