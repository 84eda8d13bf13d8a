/// The suggestions for a person at a terminal.
package enum SuggestionTextReporter {
    /// The report as text with a final newline; with a proposal (`--write`), what was written
    /// and `diff`'s report from the policy to it.
    package static func render(_ r: SuggestionReport, proposal: SuggestionProposal? = nil) -> String {
        var out = "suggest \((r.policy).escapingControlCharacters) on \((r.log).escapingControlCharacters)\n"
        out += SuggestionLines.read(r) + "\n"
        out += SuggestionLines.model(r) + "\n"
        out += "\nsuggestions\n"
        if r.suggestions.isEmpty { out += "  none: no usable review\n" }
        for s in r.suggestions {
            out += "  \((SuggestionLines.subject(s)).escapingControlCharacters): \(SuggestionLines.change(s))\n"
            out += "    \(SuggestionLines.figures(s))\n"
            var why = s.reason
            if s.isCapabilityWide {
                why += "; evidence: \(s.tally.n) of the capability's \(s.reviews) answered reviews lie where the change applies"
            } else if s.tally.n != s.reviews {
                why += "; evidence: \(s.tally.n) of the row's \(s.reviews) answered reviews"
            }
            out += "    \(why)\n"
        }
        if let p = r.capabilityWideProblem { out += "  (no whole-capability suggestions: \(p))\n" }
        out += "\nreviews per capability\n"
        if r.capabilities.isEmpty { out += "  none\n" }
        for c in r.capabilities {
            let t = c.tally
            var line = "  \(c.name.escapingControlCharacters): \(t.n) answered (\(t.approved) approved, \(t.modified) modified, \(t.rejected) rejected), \(t.expired) expired"
            if c.disabled + c.invalid > 0 { line += "; not used: \(c.disabled) disabled, \(c.invalid) invalid" }
            out += line + "\n"
        }
        out += "\ncalibration\n"
        if r.calibration.isEmpty { out += "  none: no reviewed action carried a confidence\n" }
        for c in r.calibration {
            out += "  " + (SuggestionLines.calibration(c, target: r.options.target)).escapingControlCharacters + "\n"
            out += "    confidence      n  accuracy  mean confidence\n"
            for b in c.calibration.widthBins {
                let range = "[\(ConfidenceTally.text(b.lower)), \(ConfidenceTally.text(b.upper))\(b.upper == ConfidenceTally.one ? "]" : ")")"
                out += "    " + range.padding(12) + String(b.n).leftPadded(6) + "  "
                    + SuggestionNumbers.rateText(b.accuracy).padding(8) + "  " + SuggestionNumbers.rateText(b.meanConfidence) + "\n"
            }
        }
        out += "\nfindings\n"
        let findings = r.findings
        if findings.isEmpty { out += "  none\n" }
        for f in findings { out += "  " + (SuggestionLines.finding(f)).escapingControlCharacters + "\n" }
        if let p = proposal { out += "\n" + text(p) }
        if !r.notes.isEmpty {
            let skipped = r.badLines + r.duplicates + r.invalid
            out += "\nnotes (the first \(r.notes.count) of \(skipped))\n"
            for n in r.notes { out += "  " + (n).escapingControlCharacters + "\n" }
        }
        return out
    }
}

extension SuggestionTextReporter {
    /// The `--write` section.
    static func text(_ p: SuggestionProposal) -> String {
        var out = "proposed policy written to \(p.file.escapingControlCharacters): "
        out += p.written.isEmpty ? "no stage change (the policy's text, unchanged)\n" : "\(p.written.count) stage change\(p.written.count == 1 ? "" : "s")\n"
        for w in p.written { out += "  \(w.capability.escapingControlCharacters): \(w.from.rawValue) → \(w.to.rawValue)\n" }
        if !p.notWritten.isEmpty {
            out += "not written\n"
            for n in p.notWritten {
                let subject = n.scope.isEmpty ? n.capability : "\(n.capability) [\(n.scope)]"
                out += "  \(subject.escapingControlCharacters): \(n.change.rawValue) \(n.from.rawValue) → \(n.to.rawValue): \(n.reason.escapingControlCharacters)\n"
            }
        }
        return out + "\n" + DiffTextReporter(color: false).render(p.diff)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
