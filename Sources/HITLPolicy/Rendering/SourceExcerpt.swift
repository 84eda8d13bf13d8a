/// Finds and prepares source lines for display under a diagnostic. Each excerpt costs a
/// bounded amount of work, however long its line: a one-line flow list of 200,000 entries
/// with a finding at each is shown in time linear in the file, not in entries × line length.
struct SourceExcerpt {
    private let bytes: [UInt8]
    private var lineStarts: [Int] = [0]
    /// Per line: its scalars (a final carriage return left out).
    private var lineScalars: [Int] = []
    /// Per line: where its checkpoints start in `checkpoints`.
    private var lineCheckpoints: [Int] = [0]
    /// The byte offset of every `stride`-th scalar of each line (scalar `stride`, `2 × stride`, …).
    private var checkpoints: [Int] = []
    private static let stride = 256

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var scalar = 0
        for (i, b) in bytes.enumerated() {
            if b == 0x0A {
                lineScalars.append(scalar - (i > 0 && bytes[i - 1] == 0x0D && scalar > 0 ? 1 : 0))
                lineStarts.append(i + 1)
                lineCheckpoints.append(checkpoints.count)
                scalar = 0
            } else if b & 0xC0 != 0x80 {
                if scalar > 0, scalar % Self.stride == 0 { checkpoints.append(i) }
                scalar += 1
            }
        }
        let last = bytes.count
        lineScalars.append(scalar - (last > 0 && bytes[last - 1] == 0x0D && scalar > 0 ? 1 : 0))
    }

    /// Widest excerpt shown, in scalars; longer lines are windowed around the column.
    static let maxWidth = 160

    /// The byte offset of scalar `n` (from 0) of line `line` (from 0), found from the nearest
    /// checkpoint at or before it: at most `stride` scalars are stepped over.
    private func offset(ofScalar n: Int, line: Int) -> Int {
        let k = n / Self.stride
        let available = (line + 1 < lineCheckpoints.count ? lineCheckpoints[line + 1] : checkpoints.count) - lineCheckpoints[line]
        var at = k == 0 || available == 0 ? lineStarts[line] : checkpoints[lineCheckpoints[line] + min(k, available) - 1]
        var left = n - (k == 0 || available == 0 ? 0 : min(k, available) * Self.stride)
        return bytes.withUnsafeBufferPointer { b in
            while left > 0, at < b.count {
                at += 1
                while at < b.count, b[at] & 0xC0 == 0x80 { at += 1 }
                left -= 1
            }
            return at
        }
    }

    /// The display text of `line` and the caret's prefix (tabs kept so the caret aligns),
    /// or nil when the line does not exist (or there is no source: a path that could not be read).
    func display(line: Int, column: Int) -> (text: String, caretPrefix: String)? {
        guard !bytes.isEmpty, line >= 1, line <= lineStarts.count else { return nil }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        guard end >= start else { return nil }
        let count = lineScalars[line - 1]
        var col = max(column - 1, 0)
        var lead = ""
        var scalars: [Unicode.Scalar]
        if count > Self.maxWidth {
            // Only the window is decoded: a line can be megabytes long.
            let from = max(0, min(col - 60, count - Self.maxWidth))
            let to = min(from + Self.maxWidth, count)
            let a = offset(ofScalar: from, line: line - 1), b = min(offset(ofScalar: to, line: line - 1), end)
            scalars = Array(String(decoding: bytes[a..<max(a, b)], as: UTF8.self).unicodeScalars)
            if from > 0 {
                col -= from
                lead = "…"
            }
            if count > to { scalars.append("…") }
        } else {
            scalars = Array(String(decoding: bytes[start..<end], as: UTF8.self).unicodeScalars)
        }
        let clean = scalars.map { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F ? "\u{FFFD}" : $0 }
        var text = lead
        text.unicodeScalars.append(contentsOf: clean)
        var prefix = lead.isEmpty ? "" : " "
        for s in clean.prefix(col) { prefix.unicodeScalars.append(s == "\t" ? "\t" : " ") }
        return (text, prefix)
    }
}
