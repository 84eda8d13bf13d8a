/// `suggest`: reads a review log once, deciding each reviewed action with the policy and with
/// the two proposals (every entry one rung looser, one rung stricter), keeps aggregates per
/// row, entry, capability and reviewer group, then judges them (SPEC §9).
package enum Suggester {
    /// Why suggestions could not be made.
    package struct Failure: Error, Sendable {
        package var message: String
    }

    /// Reads the review records of each log in turn (a descriptor and the name messages use)
    /// against `policy` (the model `table` was compiled from). Each line that cannot be used
    /// is passed to `problem` as `log:line: …`, and the run goes on; duplicates are found
    /// across the logs too.
    package static func run(policy model: Policy, table: DecisionTable, logs: [(fd: Int32, name: String)], options: SuggestionOptions,
                            problem: @escaping (String) -> Void = { _ in }) -> Result<SuggestionReport, Failure> {
        let policy: CompiledPolicy
        do throws(CompiledPolicy.Undecidable) {
            policy = try CompiledPolicy(table: table)
        } catch {
            return .failure(Failure(message: error.message))
        }
        var evidence = ReviewEvidence(table: table, policy: policy, proposals: ProposalTables(model), problem: problem)
        for (fd, name) in logs {
            evidence.log = name
            var reader = ChunkReader(fd: fd)
            var number = 0
            while let next = reader.nextLine(limit: ActionStream.maxLine) {
                number += 1
                guard case .line(let r) = next else {
                    evidence.tooLong(line: number)
                    continue
                }
                guard !reader.isBlank(r) else { continue }
                let body = reader.buffer[r]
                evidence.add(Array(body.dropFirst(ByteOrderMark.length(body))), line: number)
            }
            if let e = reader.error { return .failure(Failure(message: "\(name): \(e)")) }
        }
        return .success(report(evidence, log: logs.map(\.name).joined(separator: ", "), options: options))
    }

    static func report(_ e: ReviewEvidence, log: String, options: SuggestionOptions) -> SuggestionReport {
        var r = SuggestionReport(policy: e.table.policy, log: log, options: options)
        r.lines = e.lines
        r.reviews = e.reviews
        r.decisionRecords = e.decisionRecords
        r.badLines = e.badLines
        r.duplicates = e.duplicates
        r.disabled = e.disabled
        r.invalid = e.invalid
        r.kindMismatch = e.kindMismatch
        r.notes = e.notes
        r.capabilityWideProblem = e.proposals.problem
        let judge = SuggestionJudge(options)
        var suggestions: [SuggestionReport.Suggestion] = []
        // Whole capabilities: the entry's rung, judged on the reviews its move would change.
        for (key, ev) in e.entries {
            guard let entry = e.proposals.entries[key], let rung = AutonomyStep(entry), ev.all.n + ev.all.expired > 0 else { continue }
            if rung.promoted != nil, e.proposals.promoted == nil { continue }
            if rung.demoted != nil, e.proposals.demoted == nil { continue }
            suggestions.append(judge.judge(capability: key, scope: [], from: rung, promote: ev.promote, demote: ev.demote,
                                           reviews: ev.all.n, heldBy: []))
        }
        // Names a pattern governs: the pattern's move, judged on the name's reviews alone.
        for (name, share) in e.patternNames {
            let governing = share.entry == "defaults.stage" ? e.proposals.defaultsRung : e.proposals.entries[share.entry].flatMap { AutonomyStep($0) }
            guard let rung = governing else { continue }
            if rung.promoted != nil, e.proposals.promoted == nil { continue }
            if rung.demoted != nil, e.proposals.demoted == nil { continue }
            var s = judge.judge(capability: name, scope: [], from: rung, promote: share.evidence.promote, demote: share.evidence.demote,
                                reviews: share.evidence.all.n, heldBy: [])
            s.governedBy = share.entry
            s.reason = "governed by \(share.entry); " + s.reason
            suggestions.append(s)
        }
        // Rows: the row's own decision, judged on the reviews in it.
        let reporter = TableReporter(e.table)
        for (key, ev) in e.rows.sorted(by: { $0.key < $1.key }) {
            let cls = e.table.classes[key.classIndex]
            let row = e.rowsByClass[key.classIndex]![key.row]
            guard let rung = AutonomyStep(row.requirement) else { continue }
            let cells = reporter.cells(row, label: cls.label)
            let names = TableReporter.columns
            var scope: [SuggestionReport.Condition] = []
            for k in 1..<(names.count - 3) where cells[k] != "any" { scope.append(.init(field: names[k], words: cells[k])) }
            if scope.isEmpty { scope.append(.init(field: "all", words: "every action of the capability")) }
            var s = judge.judge(capability: cls.label, scope: scope, from: rung, promote: ev.free, demote: ev.all,
                                reviews: ev.all.n, heldBy: ev.heldBy.sorted())
            let count = ev.all.n + ev.all.expired
            s.followsCapability = (s.change == .promote && ev.followUp == count) || (s.change == .demote && ev.followDown == count)
            suggestions.append(s)
        }
        r.suggestions = suggestions.enumerated().sorted { a, b in
            let x = a.element, y = b.element
            if x.capability != y.capability { return x.capability.utf8.lexicographicallyPrecedes(y.capability.utf8) }
            if x.isCapabilityWide != y.isCapabilityWide { return x.isCapabilityWide }
            return a.offset < b.offset
        }.map(\.element)
        r.capabilities = e.capabilities.values.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        r.calibration = e.confidences.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { name in
            SuggestionReport.CapabilityCalibration(capability: name, calibration: Calibration(e.confidences[name]!, z: judge.z, target: options.target,
                                                                                               minimum: options.minReviews))
        }
        let order = Dictionary(e.table.approvers.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        r.reviewers = e.groupOrder.sorted { (order[$0] ?? .max, $0) < (order[$1] ?? .max, $1) }.map { name in
            reviewers(name, e.groups[name]!)
        }
        return r
    }

    /// A group's figures: outcomes, median and p95 (nearest rank) time to decision.
    static func reviewers(_ name: String, _ g: ReviewEvidence.Group) -> SuggestionReport.Reviewers {
        let sorted = g.durations.sorted()
        func rank(_ q: Double) -> Double? {
            guard !sorted.isEmpty else { return nil }
            let k = max(1, Int((q * Double(sorted.count)).rounded(.up)))
            return Double(sorted[k - 1]) / 1e9
        }
        let over = g.slaSeconds.map { sla in sorted.filter { $0 > Int64(sla) * 1_000_000_000 }.count } ?? 0
        return SuggestionReport.Reviewers(name: name, kind: g.kind, slaSeconds: g.slaSeconds, tally: g.tally, timed: sorted.count,
                                          median: rank(0.5), p95: rank(0.95), overSLA: over)
    }
}
