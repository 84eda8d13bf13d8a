#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HITLPolicy

/// `eval --format text`: the same input rules as the JSON stream (JSON Lines, blank lines
/// skipped, a line over the limit answered `invalid` without being held, one pretty-printed
/// object from a regular file), each action decided through the typed API and shown as a
/// block for a person (`DecisionTextReporter`). Written after every read, so a terminal sees
/// each answer at once.
enum EvalText {
    static let maxLine = ActionStream.maxLine

    /// Decides everything on `fd` and exits: 0 (or the --exit-code status) when every
    /// decision was written, as the JSON stream does otherwise.
    static func run(table: DecisionTable, fd: Int32, label: String, exitCode: Bool) -> Never {
        let policy: CompiledPolicy
        do { policy = try CompiledPolicy.over(table) } catch {
            Terminal.writeError("hitl-policy: error: the policy: \(error)\n")
            Terminal.exit(1)
        }
        var worst: Verdict?
        var blocks = 0
        var out = ""
        func decided(_ outcome: Decision.Outcome) {
            let v = Verdict(outcome)
            worst = max(worst ?? v, v)
        }
        func emit(_ block: String) {
            if blocks > 0 { out += "\n" }
            out += block
            blocks += 1
        }
        func flush(pendingInput: Bool) {
            guard !out.isEmpty else { return }
            if !Terminal.writeAll(STDOUT_FILENO, out) {
                let status: Int32 = exitCode ? EvalCommand.unwrittenStatus(pendingInput ? .invalid : worst) : 2
                Terminal.outputFailed(label: "standard output", status: status)
            }
            out.removeAll(keepingCapacity: true)
        }
        var st = stat()
        let regular = fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
        var hints = InputHints()
        var firstDecided = true
        func decide(_ bytes: ArraySlice<UInt8>, line: Int) {
            let d = policy.decide(Action(json: Array(bytes), line: line))
            decided(d.outcome)
            emit(DecisionTextReporter.render(d))
            // Notes on input that is not JSON Lines, as for JSON output (invalid lines only).
            defer { firstDecided = false }
            guard d.outcome == .invalid else { return }
            bytes.withUnsafeBufferPointer { b in
                if firstDecided, InputHints.endsInsideValue(b) { note(InputHints.multiLine(line: line, fromPipe: !regular)) }
                if !InputHints.isUTF8(b), let n = hints.notUTF8(line: line) { note(n) }
            }
        }
        func note(_ text: String) { Terminal.writeError("hitl-policy: note: \(text)\n") }
        func isBlank(_ bytes: ArraySlice<UInt8>) -> Bool {
            bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        }

        var buffer: [UInt8] = []
        var line = 0
        var skipping = false
        var eof = false
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var first = true
        while !eof {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                flush(pendingInput: false)
                Terminal.fail("\(label): read error (\(String(cString: strerror(errno))))")
            }
            if n == 0 { eof = true } else { buffer += chunk[0..<n] }
            // A regular file that is one pretty-printed object is read whole (up to the line
            // limit) and decided as one action, as the JSON stream does.
            if first, regular {
                if !eof, buffer.count <= maxLine { continue }
                first = false
                if eof, let single = wholeObject(buffer, policy: policy) {
                    decided(single.outcome)
                    emit(DecisionTextReporter.render(single))
                    buffer.removeAll()
                }
            }
            var start = 0
            while let nl = buffer[start...].firstIndex(of: 0x0A) {
                if skipping {
                    // The end of a line already answered as too long.
                    skipping = false
                } else {
                    line += 1
                    if nl - start > maxLine {
                        decided(.invalid)
                        emit(DecisionTextReporter.renderUnread(line: line, message: "the line is longer than \(maxLine) bytes"))
                    } else if !isBlank(buffer[start..<nl]) {
                        decide(buffer[start..<nl], line: line)
                    }
                }
                start = nl + 1
            }
            buffer.removeFirst(start)
            if eof, !buffer.isEmpty, !skipping {
                line += 1
                if !isBlank(buffer[...]) { decide(buffer[...], line: line) }
                buffer.removeAll()
            }
            if buffer.count > maxLine, !skipping {
                line += 1
                decided(.invalid)
                emit(DecisionTextReporter.renderUnread(line: line, message: "the line is longer than \(maxLine) bytes"))
                skipping = true
            }
            if skipping { buffer.removeAll(keepingCapacity: true) }
            flush(pendingInput: !isBlank(buffer[...]))
        }
        flush(pendingInput: false)
        if let n = hints.finish(decisions: blocks) { note(n) }
        Terminal.exit(exitCode ? EvalCommand.status(worst) : 0)
    }

    /// The file as one action when its first non-blank line is not an action by itself
    /// but the whole file is (a pretty-printed object).
    static func wholeObject(_ bytes: [UInt8], policy: CompiledPolicy) -> Decision? {
        guard let s = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }) else { return nil }
        let end = bytes[s...].firstIndex(of: 0x0A) ?? bytes.endIndex
        guard end < bytes.endIndex, bytes[end...].contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }) else { return nil }
        let number = bytes[..<s].count(where: { $0 == 0x0A }) + 1
        guard policy.decide(Action(json: Array(bytes[s..<end]), line: number)).outcome == .invalid else { return nil }
        let whole = policy.decide(Action(json: bytes, line: number))
        return whole.outcome == .invalid ? nil : whole
    }
}
