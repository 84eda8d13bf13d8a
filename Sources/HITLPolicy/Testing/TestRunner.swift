/// `hitl-policy test`: finds test files, checks them, and runs every selected case through
/// the typed API (`CompiledPolicy.decide`), exactly as `eval` decides its lines.
package enum TestRunner {
    /// Most cases one test file may hold (after matrices are expanded); also the most rows
    /// `--generate` writes cases for.
    package static let maxCases = TestFileFields.maxCases

    /// Whether a path names a test file (`*.test.yaml` or `*.test.yml`).
    package static func isTestFile(_ path: String) -> Bool {
        path.hasSuffix(".test.yaml") || path.hasSuffix(".test.yml")
    }

    /// The test files under `paths`: files given by name as they are, folders walked
    /// recursively (sorted, hidden folders skipped). Throws when a path cannot be read or
    /// holds no test file.
    package static func discover(_ paths: [String]) throws(InputError) -> [String] {
        var out: [String] = []
        for path in paths {
            // `-`: one test file on standard input; its `policy:` is relative to the current folder.
            if path == "-" {
                if out.contains("-") { throw InputError("standard input (-) can be read only once") }
                out.append(path)
                continue
            }
            let entries: [PolicyFiles.Entry]
            do { entries = try PolicyFiles.entries([path]) } catch {
                // A folder with no YAML at all: say so in the test command's words.
                if PolicyFiles.exists(path) { throw InputError("\(path): no *.test.yaml or *.test.yml files in this folder") }
                throw error
            }
            var found: [String] = []
            for e in entries {
                switch e {
                case .given(let p): found.append(p)
                case .found(let p) where isTestFile(p): found.append(p)
                default: continue
                }
            }
            if found.isEmpty { throw InputError("\(path): no *.test.yaml or *.test.yml files in this folder") }
            out += found
        }
        return out
    }

    /// Runs the test files. `select` picks cases by name (`--run`).
    /// With `coverage`, each case's table row is found and `run.coverage` measured per policy.
    package static func run(files: [String], select: (String) -> Bool = { _ in true }, coverage: Bool = false) -> TestRun {
        var run = TestRun()
        var policies: [String: LoadedPolicy] = [:]
        var rowsByPolicy: [String: PolicyRows] = [:]
        var tooLarge: Set<String> = []
        var policyOrder: [String] = []
        for path in files {
            let label = PolicyFiles.label(path)
            var r = TestRun.FileResult(path: label)
            let bytes: [UInt8]
            do { bytes = try PolicyFiles.read(path) } catch {
                r.failure = error.description
                run.files.append(r)
                continue
            }
            r.source = bytes
            let checked = check(bytes, path: label, policies: &policies)
            r.diagnostics = checked.diagnostics
            guard let file = checked.file else { run.files.append(r); continue }
            if let resolved = checked.policyPath, let loaded = policies[resolved] {
                r.policyPath = resolved
                r.policy = loaded.policy
                if loaded.policy == nil {
                    r.policyDiagnostics = loaded.diagnostics.filter { $0.severity == .error }
                    r.policySource = (try? PolicyFiles.read(resolved)) ?? []
                    r.policyFailure = loaded.failure
                }
            }
            if !r.invalidTestFile, let policy = r.policy {
                r.cases.reserveCapacity(file.cases.count)
                var rows: PolicyRows?
                if coverage, let key = r.policyPath {
                    // A large policy's table can have millions of rows: listing them all would
                    // exhaust memory, so coverage is refused past the most cases a file may hold.
                    if rowsByPolicy[key] == nil, !tooLarge.contains(key) {
                        let built = PolicyRows(policy, maxRows: maxCases)
                        if built.truncated { tooLarge.insert(key) } else { rowsByPolicy[key] = built; policyOrder.append(key) }
                    }
                    if tooLarge.contains(key) {
                        r.failure = "\(key): the decision table has more than \(maxCases) rows; row coverage is not measured on a table this large (run without --coverage)"
                        run.files.append(r)
                        continue
                    }
                    rows = rowsByPolicy[key]
                }
                for (k, c) in file.cases.enumerated() where select(c.name) {
                    let d = policy.decide(Action(json: c.action, line: k + 1))
                    r.cases.append(.init(testCase: c, decision: d, mismatches: ExpectationCheck.mismatches(c.expect, d),
                                         probe: rows?.locate(json: c.action)))
                }
            }
            run.files.append(r)
        }
        for key in policyOrder {
            guard let rows = rowsByPolicy[key], let compiled = policies[key]?.policy else { continue }
            let cases = run.files.filter { $0.policyPath == key }.flatMap(\.cases)
            run.coverage.append(TestCoverage.measure(policy: key, rows: rows, compiled: compiled, cases: cases))
        }
        return run
    }

    /// A test file as `test` and `lint` check it, before any case runs.
    struct CheckedFile {
        /// The decoded file, when it decoded.
        var file: TestFile?
        /// Its diagnostics: decoding, a missing policy, expectations the policy cannot produce.
        var diagnostics: [Diagnostic]
        /// The policy's path, resolved against the test file's folder, when it exists.
        var policyPath: String?
    }

    /// Decodes a test file, loads its policy (cached in `policies` by resolved path) and
    /// checks each `expect` against what that policy can decide.
    static func check(_ bytes: [UInt8], path: String, policies: inout [String: LoadedPolicy]) -> CheckedFile {
        let (decoded, diagnostics) = TestFileDecoder.decode(bytes, file: path)
        var sink = DiagnosticSink()
        sink.append(contentsOf: diagnostics)
        guard let file = decoded else { return CheckedFile(file: nil, diagnostics: sink.diagnostics, policyPath: nil) }
        var policyPath: String?
        if let p = file.policy {
            let resolved = resolve(p, relativeTo: path)
            if !PolicyFiles.exists(resolved) {
                sink.emit(.testPolicyMissing, "the policy '\(p)' does not exist (looked for \(resolved))", at: file.policyLocation,
                          hint: "the path is relative to the test file")
            } else {
                let loaded = policies[resolved] ?? CompiledPolicy.load(path: resolved)
                policies[resolved] = loaded
                policyPath = resolved
                if let policy = loaded.policy {
                    let known = ExpectationCheck.Known(policy.table)
                    for c in file.cases { ExpectationCheck.impossible(c.expect, known: known, into: &sink) }
                }
            }
        }
        return CheckedFile(file: file, diagnostics: Self.unique(sink.diagnostics.sorted()), policyPath: policyPath)
    }

    /// `lint` of a test file: the diagnostics `test` would stop at (no case runs).
    package static func lint(_ bytes: [UInt8], file: String) -> [Diagnostic] {
        var policies: [String: LoadedPolicy] = [:]
        return check(bytes, path: file, policies: &policies).diagnostics
    }

    /// A matrix repeats its case's `expect`: one diagnostic per place is enough.
    static func unique(_ ds: [Diagnostic]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for d in ds where out.last != d { out.append(d) }
        return out
    }

    /// `policy` relative to the test file's folder (absolute paths as they are).
    /// `../` steps are taken lexically (as `filepath.Join` does), so reports name
    /// `policies/payments.yaml`, not `policies/tests/../payments.yaml`.
    static func resolve(_ policy: String, relativeTo file: String) -> String {
        if policy.hasPrefix("/") { return policy }
        guard let slash = file.lastIndex(of: "/") else { return policy }
        return normalized(String(file[...slash]) + policy)
    }

    /// `path` without `.` segments and with each `name/..` pair removed.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}
