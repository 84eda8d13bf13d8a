import Testing
@testable import HITLPolicy

/// `x-lint: {disable: [...]}` silences warnings and notes where it is written, never errors,
/// and never changes what the policy means.
@Suite("x-lint suppressions")
struct SuppressionTests {
    static let head = "version: 1\nname: demo\n"

    /// Two tiers without an SLA: each gets HP606 at its name.
    static func twoTiers(first: String = "", second: String = "", top: String = "") -> String {
        head + top + "tiers:\n  - name: a\n    approvers: [x]\n" + first + "  - name: b\n    approvers: [y]\n" + second
            + "capabilities:\n  run: approval\n  go:\n    stage: approval\n    tier: b\n"
    }

    func found(_ text: String) -> [Diagnostic] { lintText(text) }

    @Test func anEntitySilencesOnlyItsOwnFindings() {
        let ds = found(Self.twoTiers(first: "    x-lint: {disable: [HP606]}\n"))
        let sla = ds.filter { $0.code == .missingSLA }
        #expect(sla.count == 2)
        #expect(sla.first { $0.message.contains("'a'") }?.isSuppressed == true)
        #expect(sla.first { $0.message.contains("'b'") }?.isSuppressed == false)
        #expect(!ds.contains { $0.code == .invalidSuppression || $0.code == .unusedSuppression })
    }

    @Test func theTopLevelSilencesTheWholeFileByCodeOrName() {
        for name in ["HP606", "missing-sla", "[missing-sla]"] {
            let ds = found(Self.twoTiers(top: "x-lint:\n  disable: \(name)\n"))
            #expect(ds.filter { $0.code == .missingSLA }.allSatisfy { $0.isSuppressed }, "\(name)")
            #expect(ds.filter { $0.code == .missingSLA }.count == 2)
        }
    }

    @Test func errorsAreNeverSilencedAndNamingOneIsAWarning() throws {
        let text = Self.head + "x-lint: {disable: [HP300, undefined-tier]}\ntiers:\n  - name: a\n    approvers: [x]\n    sla: 1h\n"
            + "capabilities:\n  go:\n    stage: approval\n    tier: nobody\n"
        let ds = found(text)
        let error = try #require(ds.first { $0.code == .undefinedTier })
        #expect(!error.isSuppressed)
        #expect(ds.filter { $0.code == .invalidSuppression }.count == 2)
        #expect(ds.first { $0.code == .invalidSuppression }?.message.contains("errors cannot be silenced") == true)
        #expect(LintReport(files: [FileReport(path: "t", diagnostics: ds, source: [])]).fails(LintOptions()))
    }

    @Test func unknownCodesGetADidYouMean() throws {
        let d = try #require(found(Self.head + "x-lint: {disable: [missing-slaa, HP6066]}\n").filter { $0.code == .invalidSuppression }.first)
        #expect(d.hint == "did you mean 'missing-sla'?")
        let hp = found(Self.head + "x-lint: {disable: [hp606]}\n").first { $0.code == .invalidSuppression }
        #expect(hp?.hint == "did you mean 'HP606'?")
    }

    @Test func malformedDirectivesAreWarningsNotErrors() {
        for directive in ["x-lint: HP606", "x-lint: {disable: []}", "x-lint: {disable: [{a: 1}]}", "x-lint: {disabel: [HP606]}"] {
            let ds = found(Self.head + directive + "\n")
            #expect(ds.contains { $0.code == .invalidSuppression }, "\(directive)")
            #expect(!ds.contains { $0.severity == .error }, "\(directive): \(ds.map(\.message))")
        }
    }

    /// Where `x-lint` is a name the user chose (a capability called `x-lint`) it is that,
    /// and where it is a field of a mapping that is no entity it silences nothing, and says so.
    @Test func placesThatAreNotEntities() {
        let inDefaults = found(Self.head + "defaults:\n  stage: autonomous\n  x-lint: {disable: [HP605]}\n")
        #expect(inDefaults.contains { $0.code == .invalidSuppression && $0.message.contains("silences nothing") })
        #expect(inDefaults.first { $0.code == .autonomousDefault }?.isSuppressed == false)
        let inWhen = found(Self.head + Self.ladder + "compliance:\n  - id: r\n    when: {tags: [t], x-lint: {disable: [HP601]}}\n    tier: a\n")
        #expect(inWhen.contains { $0.code == .invalidSuppression })
    }

    static let ladder = "tiers:\n  - name: a\n    approvers: [x]\n    sla: 1h\n"

    @Test func bandsCapabilitiesRulesAndPanelsAreEntities() {
        let text = Self.head + "currency: USD\n" + Self.ladder
            + "specialists:\n  privacy:\n    approvers: [dpo]\n    sla: 1h\n    x-lint: {disable: [unused-specialist]}\n"
            + "capabilities:\n  deploy:\n    stage: approval\n    review: true\n    x-lint: {disable: [HP607]}\n"
            + "  pay:\n    stage: autonomous\n    spend:\n      - over: 1\n        tier: a\n      - over: 2\n        tier: a\n        x-lint: {disable: [HP600]}\n"
            + "compliance:\n  - id: noop\n    when: {capability: deploy}\n    stage: autonomous\n    x-lint: {disable: [HP601]}\n"
            + "x-lint: {disable: [HP608]}\n"
        let ds = found(text)
        let codes: [DiagnosticCode] = [.unusedSpecialist, .ineffectiveSetting, .ineffectiveBand, .ineffectiveRule, .firesOnMissingData]
        for code in codes {
            #expect(ds.contains { $0.code == code }, "\(code.id) not produced")
            #expect(ds.filter { $0.code == code }.allSatisfy { $0.isSuppressed }, "\(code.id) not silenced")
        }
        #expect(!ds.contains { $0.code == .invalidSuppression || $0.code == .unusedSuppression }, "\(ds.map(\.message))")
    }

    /// HP608 is one note per file listing every rule: it is silenced where all of them are.
    @Test func missingDataNoteIsSilencedWhereEveryRuleItListsIs() {
        func policy(_ first: String, _ second: String) -> String {
            Self.head + "currency: USD\n" + Self.ladder + "compliance:\n"
                + "  - id: big\n    when: {amount: {over: 10}}\n    tier: a\n" + first
                + "  - id: sure\n    when: {confidence: {below: 0.5}}\n    tier: a\n" + second
        }
        let x = "    x-lint: {disable: [HP608]}\n"
        #expect(found(policy(x, "")).first { $0.code == .firesOnMissingData }?.isSuppressed == false)
        #expect(found(policy("", x)).first { $0.code == .firesOnMissingData }?.isSuppressed == false)
        #expect(found(policy(x, x)).first { $0.code == .firesOnMissingData }?.isSuppressed == true)
    }

    @Test func staleEntriesAreNotesHeldBackWhileTheFileHasErrors() {
        let clean = found(Self.head + "x-lint: {disable: [HP605]}\n")
        #expect(clean.map(\.code) == [.unusedSuppression])
        let broken = found(Self.head + "x-lint: {disable: [HP605]}\nversion: 2\n")
        #expect(!broken.contains { $0.code == .unusedSuppression })
    }

    @Test func suppressedFindingsAreNotCountedAndNeverFail() throws {
        let ds = found(Self.twoTiers(top: "x-lint: {disable: [HP606]}\n"))
        let report = LintReport(files: [FileReport(path: "t.yaml", diagnostics: ds, source: [])])
        #expect(report.count(.warning) == 0)
        #expect(report.suppressedCount == 2)
        #expect(!report.fails(LintOptions(strict: true)))
        #expect(TextReporter(color: false).render(report) == "1 file checked: no problems (2 suppressed by x-lint)\n")
        #expect(GitHubReporter.render(report).isEmpty)
        let json = JSONLintReporter.render(report)
        #expect(json.contains("\"suppressed\" : true"))
        #expect(json.contains("\"suppressed\" : 2"))
        let sarif = SARIFReporter.render(report)
        #expect(sarif.contains("\"kind\" : \"inSource\""))
    }

    /// The key changes no decision: the two tables are the same table.
    @Test func xLintDoesNotChangeTheTable() throws {
        let plain = Self.twoTiers()
        let silenced = Self.twoTiers(first: "    x-lint: {disable: [HP606]}\n", top: "x-lint: {disable: [HP608]}\n")
        let a = try #require(PolicyCompilation.compile(Array(plain.utf8), file: "p.yaml").table)
        let b = try #require(PolicyCompilation.compile(Array(silenced.utf8), file: "p.yaml").table)
        #expect(try PolicyDiff.diff(old: a, new: b).isEmpty)
        #expect(a.policyDigest != b.policyDigest, "the digest is of the file's bytes")
    }
}

extension SuppressionTests {
    /// Many `x-lint` keys and many findings are matched through an index, not pairwise:
    /// 20,000 capabilities each silencing its own warning lint in well under a second's work
    /// per thousand (pairwise matching would be 400 million checks).
    @Test func manyKeysAndFindingsStayLinear() {
        var text = Self.head + Self.ladder + "capabilities:\n"
        for i in 0..<20_000 {
            text += "  c\(i):\n    stage: approval\n    review: true\n"
            if i % 2 == 0 { text += "    x-lint: {disable: [HP607]}\n" }
        }
        let clock = ContinuousClock()
        var ds: [Diagnostic] = []
        let elapsed = clock.measure { ds = lintText(text) }
        let warnings = ds.filter { $0.code == .ineffectiveSetting }
        #expect(warnings.count == 20_000)
        #expect(warnings.filter(\.isSuppressed).count == 10_000)
        #expect(elapsed < .seconds(60))
    }
}

extension SuppressionTests {
    /// The example in docs/language.md ("Silencing a finding") lints as the page says.
    @Test func theLanguageDocsExampleLintsAsDocumented() throws {
        let page = String(decoding: try Repo.bytes("docs/language.md"), as: UTF8.self)
        let section = try #require(page.range(of: "## Silencing a finding"))
        let rest = page[section.upperBound...]
        let open = try #require(rest.range(of: "```yaml\n"))
        let close = try #require(rest[open.upperBound...].range(of: "```\n"))
        let example = String(rest[open.upperBound..<close.lowerBound])
        let report = LintReport(files: [Linter.lint(Array(example.utf8), file: "devops.yaml")])
        #expect(TextReporter(color: false).render(report) == "1 file checked: no problems (4 suppressed by x-lint)\n")
        #expect(page.contains("1 file checked: no problems (4 suppressed by x-lint)"))
    }
}

extension SuppressionTests {
    /// HP800 and HP801 report `x-lint` itself: naming them is an HP800, and they always show,
    /// so a misspelt entry cannot be hidden and `lint --strict` still fails.
    @Test func findingsAboutXLintCannotBeSilenced() throws {
        for names in ["[HP800, autonomous-defualt]", "[invalid-suppression, autonomous-defualt]", "[HP801, HP800, autonomous-defualt]"] {
            let ds = found(Self.head + "x-lint: {disable: \(names)}\ndefaults:\n  stage: disabled\n")
            let hp800 = ds.filter { $0.code == .invalidSuppression }
            #expect(hp800.allSatisfy { !$0.isSuppressed }, "\(names)")
            #expect(hp800.contains { $0.message.contains("'autonomous-defualt', which is not a diagnostic code") }, "\(names)")
            #expect(hp800.filter { $0.message.contains("findings about 'x-lint' itself cannot be silenced") }.count == names.split(separator: ",").count - 1, "\(names)")
            let report = LintReport(files: [FileReport(path: "t.yaml", diagnostics: ds, source: [])])
            #expect(report.suppressedCount == 0, "\(names)")
            #expect(report.fails(LintOptions(strict: true)), "\(names)")
        }
        // HP801 named in a key is refused too: the stale HP605 entry still gets its note.
        let stale = found(Self.head + "x-lint: {disable: [HP801, HP605]}\n")
        #expect(stale.filter { $0.code == .unusedSuppression }.map(\.isSuppressed) == [false])
    }

    /// One key naming one code 100,000 times (a 700 KB line): each finding is matched once per
    /// key and code, not once per place the code is named, so this is linear (the places used
    /// to be gathered by copying a code's whole list at each repeat, and again per finding:
    /// minutes here). The bound is generous, for a debug build on a busy machine.
    @Test func oneCodeNamedManyTimesStaysLinear() throws {
        let n = 100_000
        let text = Self.head + "x-lint: {disable: [" + Array(repeating: "HP605", count: n).joined(separator: ", ") + "]}\ndefaults:\n  stage: autonomous\n"
        var ds: [Diagnostic] = []
        let elapsed = ContinuousClock().measure { ds = found(text) }
        #expect(elapsed < .seconds(60))
        let warning = try #require(ds.first { $0.code == .autonomousDefault })
        #expect(warning.isSuppressed)
        #expect(warning.suppressedBy.map { [$0.line, $0.column] } == [3, 20], "the first place the code is named")
        #expect(!ds.contains { $0.code == .unusedSuppression })
    }

    /// 100,000 codes that silence nothing (700 KB on one line): 100,000 HP801 notes, each
    /// shown with its excerpt of that line in bounded work (a window found from per-line
    /// checkpoints, not by decoding the line up to the column).
    @Test func manyUnusedCodesOnOneLineStayLinear() throws {
        let codes = ["HP600", "HP601", "HP603", "HP604", "HP606", "HP607", "HP609"]
        let n = 100_000
        let text = Self.head + "x-lint: {disable: [" + (0..<n).map { codes[$0 % codes.count] }.joined(separator: ", ") + "]}\n"
        #expect(text.utf8.count > 700_000)
        let file = Linter.lint(Array(text.utf8), file: "p.yaml")
        #expect(file.diagnostics.filter { $0.code == .unusedSuppression }.count == n)
        var shown = ""
        let elapsed = ContinuousClock().measure { shown = TextReporter(color: false).render(LintReport(files: [file])) }
        #expect(elapsed < .seconds(120), "decoding the line up to each column took minutes here")
        #expect(shown.hasSuffix("1 file checked: 0 errors, 0 warnings, \(n) notes\n"))
        let lastCaret = try #require(shown.split(separator: "\n").last { $0.hasSuffix("^") })
        #expect(lastCaret.count < 200)
    }
}
