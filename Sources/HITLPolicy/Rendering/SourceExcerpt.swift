/// Finds and prepares source lines for display under a diagnostic.
struct SourceExcerpt {
    private let bytes: [UInt8]
    private var lineStarts: [Int] = [0]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        for (i, b) in bytes.enumerated() where b == 0x0A { lineStarts.append(i + 1) }
    }

    /// Widest excerpt shown, in scalars; longer lines are windowed around the column.
    static let maxWidth = 160

    /// The display text of `line` and the caret's prefix (tabs kept so the caret aligns),
    /// or nil when the line does not exist (or there is no source: a path that could not be read).
    func display(line: Int, column: Int) -> (text: String, caretPrefix: String)? {
        guard !bytes.isEmpty, line >= 1, line <= lineStarts.count else { return nil }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        guard end >= start else { return nil }
        // Decode a bounded slice only: a line can be megabytes long.
        let sliceEnd = min(end, start + 4 * (column + Self.maxWidth))
        var scalars = Array(String(decoding: bytes[start..<sliceEnd], as: UTF8.self).unicodeScalars)
        var col = max(column - 1, 0)
        var lead = ""
        if scalars.count > Self.maxWidth {
            let from = max(0, min(col - 60, scalars.count - Self.maxWidth))
            if from > 0 {
                scalars = Array(scalars[from...])
                col -= from
                lead = "…"
            }
            if scalars.count > Self.maxWidth { scalars = Array(scalars[..<Self.maxWidth]) + ["…"] }
        } else if sliceEnd < end {
            scalars.append("…")
        }
        let clean = scalars.map { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F ? "\u{FFFD}" : $0 }
        var text = lead
        text.unicodeScalars.append(contentsOf: clean)
        var prefix = lead.isEmpty ? "" : " "
        for s in clean.prefix(col) { prefix.unicodeScalars.append(s == "\t" ? "\t" : " ") }
        return (text, prefix)
    }
}
