/// Sentences the text and Markdown reports share.
enum SuggestionLines {
    /// `refund` or `refund [amount over 100 and at most 5000; tags !pii]`.
    static func subject(_ s: SuggestionReport.Suggestion) -> String {
        s.isCapabilityWide ? "\(s.capability) (whole capability)" : "\(s.capability) [\(scope(s))]"
    }

    static func scope(_ s: SuggestionReport.Suggestion) -> String {
        s.scope.map { $0.field == "all" ? $0.words : "\($0.field) \($0.words)" }.joined(separator: "; ")
    }

    /// `promote approval → review`, `undecided (review → autonomous)`, `keep approval`.
    static func change(_ s: SuggestionReport.Suggestion) -> String {
        switch s.change {
        case .promote, .demote: "\(s.change.rawValue) \(s.from.rawValue) → \(s.to.rawValue)"
        case .undecided: s.from == s.to ? "undecided (\(s.from.rawValue))" : "undecided (\(s.from.rawValue) → \(s.to.rawValue)?)"
        case .keep: "keep \(s.from.rawValue)"
        }
    }

    /// `n 140, errors 1, rate 0.7%, interval [0.0%, 3.4%], more needed 12`.
    static func figures(_ s: SuggestionReport.Suggestion) -> String {
        var t = "n \(s.tally.n), errors \(s.tally.errors), rate \(SuggestionNumbers.rateText(s.tally.rate)), interval \(SuggestionNumbers.interval(s.bound))"
        t += ", more needed " + (s.moreNeeded.map(String.init) ?? "—")
        if s.tally.expired > 0 { t += "; \(s.tally.expired) expired" }
        return t
    }

    /// What was read.
    static func read(_ r: SuggestionReport) -> String {
        var parts = ["\(r.lines) lines read", "\(r.reviews) reviews used"]
        if r.decisionRecords > 0 { parts.append("\(r.decisionRecords) decision records skipped") }
        if r.badLines > 0 { parts.append("\(r.badLines) bad lines skipped") }
        if r.duplicates > 0 { parts.append("\(r.duplicates) duplicates skipped") }
        if r.disabled + r.invalid > 0 { parts.append("\(r.disabled) reviews of disabled and \(r.invalid) of invalid actions not used") }
        if r.kindMismatch > 0 { parts.append("\(r.kindMismatch) reviews whose pre/post differs from what the policy asks today") }
        return parts.joined(separator: ", ")
    }

    /// The statistics' settings in words.
    static func model(_ r: SuggestionReport) -> String {
        let o = r.options
        return "one-sided Wilson bounds at \(SuggestionNumbers.percent(o.confidence)) (z = \(SimulationNumbers.fixed(o.z, 4))), "
            + "target error rate \(SuggestionNumbers.percent(o.target)), promotions need at least \(o.minReviews) answered reviews; "
            + "errors are modified and rejected answers, expired reviews count toward neither"
    }

    /// `refund: 812 actions, ECE 0.083 (equal width) / 0.079 (equal mass); threshold 0.93 (…)`.
    static func calibration(_ c: SuggestionReport.CapabilityCalibration, target: Double) -> String {
        let k = c.calibration
        var t = "\(c.capability): \(k.n) reviewed actions with confidence, ECE \(k.eceWidth.map { SimulationNumbers.fixed($0, 4) } ?? "—") (equal width), "
            + "\(k.eceMass.map { SimulationNumbers.fixed($0, 4) } ?? "—") (equal mass); "
        if let th = k.threshold {
            t += "threshold \(ConfidenceTally.text(th.value)): \(th.n) actions at or above it, \(th.errors) errors, upper bound \(SuggestionNumbers.rateText(th.bound.high))"
        } else {
            t += "no confidence threshold meets the \(SuggestionNumbers.percent(target)) target"
        }
        return t
    }

    /// One finding in words.
    static func finding(_ f: SuggestionReport.Finding) -> String {
        let g = f.reviewers
        let who = "\(g.kind == "tier" ? "tier" : "panel") \(g.name)"
        if f.kind == "rubber-stamp" {
            return "rubber-stamp: \(who): \(g.tally.approved) of \(g.tally.n) answered reviews approved unchanged (\(SuggestionNumbers.rateText(g.approvedShare))): the gate may be too sensitive"
        }
        var t = "sla: \(who) (SLA \(g.slaSeconds.map { SimulationNumbers.duration(Double($0)) } ?? "none")): "
        t += "median \(g.median.map(SimulationNumbers.duration) ?? "—"), p95 \(g.p95.map(SimulationNumbers.duration) ?? "—") over \(g.timed) timed answers"
        t += ", \(g.overSLA) decided after the SLA, \(g.tally.expired) expired"
        return t
    }
}
