/// The suggestions as one JSON object (SPEC §9), keys sorted; every figure the text,
/// Markdown and chart show is here.
package enum SuggestionJSONReporter {
    /// The report as pretty JSON with a final newline; with a proposal (`--write`), a `write`
    /// member: the file, the changes written and not written, and `diff`'s JSON report.
    package static func render(_ r: SuggestionReport, proposal: SuggestionProposal? = nil) -> String {
        tree(r, proposal: proposal).pretty()
    }

    static func tree(_ r: SuggestionReport, proposal: SuggestionProposal? = nil) -> JSONTree {
        func int(_ n: Int) -> JSONTree { .number(String(n)) }
        func rate(_ x: Double?) -> JSONTree { x.map { .number(SuggestionNumbers.rate($0)) } ?? .null }
        func opt<T>(_ v: T?, _ f: (T) -> JSONTree) -> JSONTree { v.map(f) ?? .null }
        func confidence(_ v: Int64) -> JSONTree { .number(ConfidenceTally.text(v)) }
        func interval(_ b: WilsonBound) -> JSONTree { .array([rate(b.low), rate(b.high)]) }
        func tally(_ t: ReviewTally) -> [(String, JSONTree)] {
            [("approved", int(t.approved)), ("modified", int(t.modified)), ("rejected", int(t.rejected)), ("expired", int(t.expired)),
             ("n", int(t.n)), ("errors", int(t.errors)), ("rate", rate(t.rate))]
        }
        let suggestions = JSONTree.array(r.suggestions.map { s in
            sorted([
                ("capability", .string(s.capability)),
                ("scope", sorted(s.scope.map { ($0.field, .string($0.words)) })),
                ("change", .string(s.change.rawValue)), ("from", .string(s.from.rawValue)), ("to", .string(s.to.rawValue)),
                ("n", int(s.tally.n)), ("errors", int(s.tally.errors)), ("expired", int(s.tally.expired)),
                ("rate", rate(s.tally.rate)), ("interval", interval(s.bound)),
                ("more_needed", opt(s.moreNeeded, int)), ("reviews", int(s.reviews)),
                ("evidence", .string(s.isCapabilityWide ? "reviews of the actions this change would decide differently" : "reviews of the actions in this row")),
                ("held_by", .array(s.heldBy.map { .string($0) })), ("reason", .string(s.reason)),
                ("governed_by", opt(s.governedBy) { .string($0) }),
            ])
        })
        let capabilities = JSONTree.array(r.capabilities.map { c in
            sorted([("name", .string(c.name)), ("disabled", int(c.disabled)), ("invalid", int(c.invalid))] + tally(c.tally))
        })
        func bin(_ b: Calibration.Bin) -> JSONTree {
            sorted([("lower", confidence(b.lower)), ("upper", confidence(b.upper)), ("n", int(b.n)), ("correct", int(b.correct)),
                    ("accuracy", rate(b.accuracy)), ("mean_confidence", rate(b.meanConfidence))])
        }
        let calibration = JSONTree.array(r.calibration.map { c in
            let k = c.calibration
            return sorted([
                ("capability", .string(c.capability)), ("n", int(k.n)),
                ("ece_width", rate(k.eceWidth)), ("ece_mass", rate(k.eceMass)),
                ("threshold", opt(k.threshold) { confidence($0.value) }),
                ("threshold_evidence", opt(k.threshold) { t in
                    sorted([("n", int(t.n)), ("errors", int(t.errors)), ("interval", interval(t.bound))])
                }),
                ("bins", .array(k.widthBins.map(bin))), ("mass_bins", .array(k.massBins.map(bin))),
            ])
        })
        func reviewers(_ g: SuggestionReport.Reviewers) -> [(String, JSONTree)] {
            [("name", .string(g.name)), ("group", .string(g.kind)), ("sla_seconds", opt(g.slaSeconds, int)),
             ("approved_share", rate(g.approvedShare)), ("timed", int(g.timed)),
             ("median_seconds", opt(g.median) { int(SimulationNumbers.seconds($0)) }),
             ("p95_seconds", opt(g.p95) { int(SimulationNumbers.seconds($0)) }), ("over_sla", int(g.overSLA))] + tally(g.tally)
        }
        let findings = JSONTree.array(r.findings.map { f in sorted([("kind", .string(f.kind))] + reviewers(f.reviewers)) })
        let o = r.options
        return sorted([
            ("policy", .string(r.policy)), ("log", .string(r.log)),
            ("options", sorted([("min_reviews", int(o.minReviews)), ("confidence", .number(SimulationNumbers.fixed(o.confidence, 4))),
                                ("target", .number(SimulationNumbers.fixed(o.target, 4))), ("z", .number(SimulationNumbers.fixed(o.z, 4))),
                                ("bounds", .string("one-sided Wilson score bounds"))])),
            ("lines", sorted([("read", int(r.lines)), ("reviews", int(r.reviews)), ("decision_records", int(r.decisionRecords)),
                              ("bad", int(r.badLines)), ("duplicates", int(r.duplicates)), ("disabled", int(r.disabled)),
                              ("invalid", int(r.invalid)), ("kind_mismatch", int(r.kindMismatch))])),
            ("suggestions", suggestions), ("capabilities", capabilities), ("calibration", calibration),
            ("reviewers", .array(r.reviewers.map { sorted(reviewers($0)) })), ("findings", findings),
            ("proposal", .array(r.proposal.map { p in
                sorted([("capability", .string(p.capability)), ("from", .string(p.from.rawValue)), ("to", .string(p.to.rawValue))])
            })),
            ("capability_wide_problem", opt(r.capabilityWideProblem) { .string($0) }),
            ("notes", .array(r.notes.map { .string($0) })),
        ] + (proposal.map { [("write", write($0))] } ?? []))
    }

    static func write(_ p: SuggestionProposal) -> JSONTree {
        var diff = DiffJSONReporter.render(p.diff)
        while diff.last == "\n" { diff.removeLast() }
        return sorted([
            ("file", .string(p.file)),
            ("written", .array(p.written.map { w in
                sorted([("capability", .string(w.capability)), ("from", .string(w.from.rawValue)), ("to", .string(w.to.rawValue))])
            })),
            ("not_written", .array(p.notWritten.map { n in
                sorted([("capability", .string(n.capability)), ("scope", .string(n.scope)), ("change", .string(n.change.rawValue)),
                        ("from", .string(n.from.rawValue)), ("to", .string(n.to.rawValue)), ("reason", .string(n.reason))])
            })),
            ("diff", .raw(diff)),
        ])
    }

    /// An object with its members sorted by key.
    static func sorted(_ members: [(String, JSONTree)]) -> JSONTree {
        .object(members.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) })
    }
}
