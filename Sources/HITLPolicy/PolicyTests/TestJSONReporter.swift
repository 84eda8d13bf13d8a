/// `test --format json`: one JSON object (schema in docs/testing.md), members in a fixed order.
package enum TestJSONReporter {
    /// The report for `run`.
    package static func render(_ run: TestRun, minCoverage: Double? = nil) -> String {
        var files: [JSONTree] = []
        for f in run.files {
            let status = f.invalidTestFile ? "invalid-test-file" : f.invalidPolicy ? "invalid-policy" : "ran"
            var members: [(String, JSONTree)] = [
                ("file", .string(f.path)),
                ("policy", f.policyPath.map(JSONTree.string) ?? .null),
                ("status", .string(status)),
                ("diagnostics", .array((f.diagnostics + f.policyDiagnostics).map(diagnostic))),
            ]
            if let why = f.failure ?? f.policyFailure { members.append(("error", .string(why))) }
            members.append(("cases", .array(f.cases.map(caseTree))))
            files.append(.object(members))
        }
        let short = Set(run.coverageShort(minCoverage).map(\.policy))
        let failed = run.failedCount
        var top: [(String, JSONTree)] = [
            ("format", .string("hitl-policy-test")), ("version", .number("1")),
            ("files", .array(files)),
            ("summary", .object([
                ("files", .number(String(run.files.count))), ("cases", .number(String(run.caseCount))),
                ("passed", .number(String(run.caseCount - failed))), ("failed", .number(String(failed))),
                ("exit_status", .number(String(run.exitStatus(minCoverage: minCoverage)))),
            ])),
        ]
        if !run.coverage.isEmpty {
            top.append(("coverage", .array(run.coverage.map { coverageTree($0, short: short.contains($0.policy)) })))
        }
        return JSONTree.object(top).pretty()
    }

    static func diagnostic(_ d: Diagnostic) -> JSONTree {
        .object([
            ("code", .string(d.code.id)), ("name", .string(d.code.name)), ("severity", .string(d.severity.rawValue)),
            ("message", .string(d.message)), ("location", .string(d.location.description)),
            ("hint", d.hint.map(JSONTree.string) ?? .null),
        ])
    }

    static func caseTree(_ c: TestRun.CaseResult) -> JSONTree {
        .object([
            ("name", .string(c.testCase.name)),
            ("location", .string(c.testCase.location.description)),
            ("status", .string(c.passed ? "pass" : "fail")),
            ("action", .raw(String(decoding: c.testCase.action, as: UTF8.self))),
            ("decision", .raw(c.decision.json)),
            ("mismatches", .array(c.mismatches.map { m in
                .object([("key", .string(m.key)), ("expected", .string(m.expected)), ("actual", .string(m.actual))])
            })),
        ])
    }

    static func coverageTree(_ c: TestCoverage, short: Bool) -> JSONTree {
        .object([
            ("policy", .string(c.policy)),
            ("rows", .object([("reached", .number(String(c.reached))), ("total", .number(String(c.total))),
                              ("empty", .number(String(c.empty))), ("percent", .number(c.percentNumber)),
                              ("below_minimum", .bool(short))])),
            ("classes", .array(c.classes.map { .object([("capability", .string($0.label)), ("reached", .number(String($0.reached))),
                                                        ("total", .number(String($0.total)))]) })),
            ("rules_contributed", .array(c.rulesContributed.map(JSONTree.string))),
            ("rules_not_contributed", .array(c.rulesNotContributed.map(JSONTree.string))),
            ("thresholds", .array(c.thresholds.map { .object([("rule", .string($0.rule)), ("threshold", .string($0.text)),
                                                              ("on", .bool($0.on)), ("past", .bool($0.past)), ("missing", .bool($0.missing))]) })),
            ("uncovered", .array(c.uncovered.map { .object([("capability", .string($0.label)), ("name", .string($0.name)),
                                                             ("action", .raw($0.action)), ("decision", .raw($0.decision.json))]) })),
        ])
    }
}
