import Testing
@testable import HITLPolicy

/// `SourceExcerpt` windows a long line around the column from per-line checkpoints; it shows
/// exactly what decoding the line up to the column shows (the reference below, the earlier
/// implementation, whose cost grew with the column).
@Suite("Source excerpts")
struct SourceExcerptTests {
    /// The window decoded the simple way: the line up to the column and a screen further.
    static func reference(_ bytes: [UInt8], line: Int, column: Int) -> (text: String, caretPrefix: String)? {
        var lineStarts = [0]
        for (i, b) in bytes.enumerated() where b == 0x0A { lineStarts.append(i + 1) }
        let maxWidth = SourceExcerpt.maxWidth
        guard !bytes.isEmpty, line >= 1, line <= lineStarts.count else { return nil }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        guard end >= start else { return nil }
        let sliceEnd = min(end, start + 4 * (column + maxWidth))
        var scalars = Array(String(decoding: bytes[start..<sliceEnd], as: UTF8.self).unicodeScalars)
        var col = max(column - 1, 0)
        var lead = ""
        if scalars.count > maxWidth {
            let from = max(0, min(col - 60, scalars.count - maxWidth))
            if from > 0 {
                scalars = Array(scalars[from...])
                col -= from
                lead = "…"
            }
            if scalars.count > maxWidth { scalars = Array(scalars[..<maxWidth]) + ["…"] }
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

    @Test("the same window as decoding up to the column, on generated lines of mixed widths")
    func agreesWithTheReference() {
        var g = SplitMix(state: 0xE8C3_2026)
        let pieces = ["a", "b", " ", "\t", "é", "€", "😀", "\r", ",", "\u{1B}"]
        for _ in 0..<60 {
            var text = ""
            for _ in 0..<(1 + g.below(4)) {
                let width = [0, 5, 159, 160, 161, 255, 256, 257, 700, 2_000][g.below(10)]
                for _ in 0..<width { text += pieces[g.below(pieces.count)] }
                text += g.below(3) == 0 ? "\r\n" : "\n"
            }
            if g.below(2) == 0 { text.removeLast() }
            let bytes = Array(text.utf8)
            let excerpt = SourceExcerpt(bytes)
            let lines = text.utf8.count { $0 == 0x0A } + 2
            for _ in 0..<40 {
                let line = 1 + g.below(lines)
                let column = 1 + g.below(2_100)
                let mine = excerpt.display(line: line, column: column)
                let theirs = Self.reference(bytes, line: line, column: column)
                #expect(mine?.text == theirs?.text && mine?.caretPrefix == theirs?.caretPrefix, "line \(line) column \(column)")
            }
        }
    }
}
