/// A replacement of one byte range of a text.
package struct TextEdit: Sendable, Hashable {
    /// UTF-8 byte offsets in the original text (empty for an insertion).
    package var range: Range<Int>
    /// What the range becomes.
    package var replacement: String

    /// Creates an edit.
    package init(range: Range<Int>, replacement: String) {
        self.range = range
        self.replacement = replacement
    }

    /// An insertion at `offset`.
    package static func insert(_ text: String, at offset: Int) -> TextEdit {
        TextEdit(range: offset..<offset, replacement: text)
    }

    /// `edits` sorted by position and merged where they touch at one offset (insertions
    /// first, in the order given, then a replacement starting there); nil when two overlap.
    package static func normalized(_ edits: [TextEdit]) -> [TextEdit]? {
        let sorted = edits.enumerated().sorted {
            let (a, b) = ($0.element, $1.element)
            if a.range.lowerBound != b.range.lowerBound { return a.range.lowerBound < b.range.lowerBound }
            if a.range.isEmpty != b.range.isEmpty { return a.range.isEmpty }
            return $0.offset < $1.offset
        }.map(\.element)
        var out: [TextEdit] = []
        for e in sorted {
            guard let last = out.last else {
                out.append(e)
                continue
            }
            if last.range.isEmpty && last.range.lowerBound == e.range.lowerBound {
                out[out.count - 1] = TextEdit(range: e.range, replacement: last.replacement + e.replacement)
            } else if e.range.lowerBound < last.range.upperBound {
                return nil
            } else {
                out.append(e)
            }
        }
        return out
    }

    /// `bytes` with `edits` (sorted, non-overlapping, within bounds) applied.
    package static func apply(_ edits: [TextEdit], to bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + edits.reduce(0) { $0 + $1.replacement.utf8.count })
        var at = 0
        for e in edits {
            out.append(contentsOf: bytes[at..<e.range.lowerBound])
            out.append(contentsOf: e.replacement.utf8)
            at = e.range.upperBound
        }
        out.append(contentsOf: bytes[at...])
        return out
    }
}

extension TextEdit {
    /// `edits` (normalized, against an original) followed by `next`, an edit of the text
    /// they produce, as one normalized list against the original. Where `next` touches or
    /// overlaps an edit's replacement, the two become one edit.
    package static func compose(_ edits: [TextEdit], then next: TextEdit, original: [UInt8]) -> [TextEdit] {
        // Each edit's range in the edited text.
        var shift = 0
        var spans: [Range<Int>] = []
        for e in edits {
            let start = e.range.lowerBound + shift
            spans.append(start..<(start + e.replacement.utf8.count))
            shift += e.replacement.utf8.count - e.range.count
        }
        let touched = edits.indices.filter { spans[$0].lowerBound <= next.range.upperBound && next.range.lowerBound <= spans[$0].upperBound }
        // An offset of the edited text outside every edit, back in the original.
        func back(_ offset: Int) -> Int {
            var delta = 0
            for (i, e) in edits.enumerated() where spans[i].upperBound <= offset {
                delta += e.replacement.utf8.count - e.range.count
            }
            return offset - delta
        }
        guard let first = touched.first, let last = touched.last else {
            let mapped = TextEdit(range: back(next.range.lowerBound)..<back(next.range.upperBound), replacement: next.replacement)
            return normalized(edits + [mapped]) ?? edits
        }
        let edited = apply(edits, to: original)
        let lower = min(next.range.lowerBound, spans[first].lowerBound)
        let upper = max(next.range.upperBound, spans[last].upperBound)
        let originalLower = lower == spans[first].lowerBound ? edits[first].range.lowerBound : back(lower)
        let originalUpper = upper == spans[last].upperBound ? edits[last].range.upperBound : back(upper)
        var text = Array(edited[lower..<next.range.lowerBound])
        text += Array(next.replacement.utf8)
        text += Array(edited[next.range.upperBound..<upper])
        let merged = TextEdit(range: originalLower..<originalUpper, replacement: String(decoding: text, as: UTF8.self))
        var out = Array(edits[..<first])
        out.append(merged)
        out += edits[(last + 1)...]
        return out
    }
}
