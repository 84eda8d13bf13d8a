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

    /// A test file to run, as `discover` found it.
    package struct Discovered: Sendable {
        /// The path (`-` for standard input).
        package var path: String
        /// The folder its `policy:` must lie inside: the folder walked, or for a file named on
        /// the command line or read from standard input `FileTree.named(file:)` (nil when that
        /// cannot be resolved: then no policy is inside).
        package var tree: FileTree?
        /// Found in a folder walk (read only while it is a regular file inside the tree).
        package var found = false
        /// A test file, or a folder that may hold some, that the walk did not read: the run
        /// fails (exit 2) naming it, since a test that did not run must not pass.
        package var skipped: SkippedFile?
    }

    /// The test files under `paths`: files given by name as they are, folders walked
    /// recursively (sorted, hidden folders skipped; see `PolicyFiles.entries`). Throws when a
    /// path cannot be read or holds no test file.
    package static func discover(_ paths: [String]) throws(InputFailure) -> [Discovered] {
        var out: [Discovered] = []
        for path in paths {
            // `-`: one test file on standard input; its `policy:` is relative to the current folder.
            if path == "-" {
                if out.contains(where: { $0.path == "-" && !$0.found }) { throw InputFailure("standard input (-) can be read only once") }
                out.append(Discovered(path: path, tree: FileTree.named(file: path)))
                continue
            }
            let entries: [PolicyFiles.Entry]
            do { entries = try PolicyFiles.entries([path]) } catch {
                // A folder with no YAML at all: say so in the test command's words.
                let yaml = "\(path): no *.yaml or *.yml files in this folder"
                guard error.description.hasPrefix(yaml) else { throw error }
                throw InputFailure("\(path): no *.test.yaml or *.test.yml files in this folder\(error.description.dropFirst(yaml.count))")
            }
            var found: [Discovered] = []
            for e in entries {
                switch e {
                case .given(let p): found.append(Discovered(path: p, tree: FileTree.named(file: p)))
                case .found(let p, let tree) where isTestFile(p): found.append(Discovered(path: p, tree: tree, found: true))
                case .skipped(let s) where isTestFile(s.path) || s.isFolder: found.append(Discovered(path: s.path, found: true, skipped: s))
                default: continue
                }
            }
            if found.isEmpty { throw InputFailure("\(path): no *.test.yaml or *.test.yml files in this folder") }
            out += found
        }
        return out
    }

    /// Runs the test files. `select` picks cases by name (`--run`).
    /// With `coverage`, each case's table row is found and `run.coverage` measured per policy.
    package static func run(files: [Discovered], select: (String) -> Bool = { _ in true }, coverage: Bool = false) -> TestRun {
        var run = TestRun()
        var policies: [String: TestPolicy] = [:]
        var rowsByPolicy: [String: PolicyRows] = [:]
        var tooLarge: Set<String> = []
        var policyOrder: [String] = []
        for entry in files {
            let path = entry.path
            let label = PolicyFiles.label(path)
            var r = TestRun.FileResult(path: label)
            if let skipped = entry.skipped {
                r.failure = (skipped.isFolder ? "not searched for test files: " : "not run: ") + skipped.reason
                run.files.append(r)
                continue
            }
            let bytes: [UInt8]
            do throws(InputFailure) {
                if let tree = entry.tree, entry.found {
                    switch try PolicyFiles.readFound(path, tree: tree) {
                    case .success(let b): bytes = b
                    case .failure(let skipped):
                        r.failure = "not run: " + skipped.reason
                        run.files.append(r)
                        continue
                    }
                } else {
                    bytes = try PolicyFiles.read(path)
                }
            } catch {
                r.failure = error.description
                run.files.append(r)
                continue
            }
            r.source = bytes
            let checked = check(bytes, path: label, tree: entry.tree, policies: &policies)
            r.diagnostics = checked.diagnostics
            guard let file = checked.file else { run.files.append(r); continue }
            if let resolved = checked.policyPath, let loaded = policies[resolved]?.loaded {
                r.policyPath = resolved
                r.policy = loaded.policy
                if loaded.policy == nil {
                    r.policyDiagnostics = loaded.diagnostics.filter { $0.severity == .error }
                    r.policySource = policies[resolved]?.source ?? []
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
            guard let rows = rowsByPolicy[key], let compiled = policies[key]?.loaded.policy else { continue }
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

    /// A policy a test file names, loaded once per run.
    struct TestPolicy {
        /// What loading it produced.
        var loaded: LoadedPolicy
        /// Its bytes when it failed to load (to show where), else empty.
        var source: [UInt8]
    }

    /// Decodes a test file, loads its policy (cached in `policies` by resolved path) and
    /// checks each `expect` against what that policy can decide. The policy is read only when
    /// it is a regular file inside `tree`, reached by a relative path (see `loadPolicy`).
    static func check(_ bytes: [UInt8], path: String, tree: FileTree?, policies: inout [String: TestPolicy]) -> CheckedFile {
        let (decoded, diagnostics) = TestFileDecoder.decode(bytes, file: path)
        var sink = DiagnosticSink()
        sink.append(contentsOf: diagnostics)
        guard let file = decoded else { return CheckedFile(file: nil, diagnostics: sink.diagnostics, policyPath: nil) }
        var policyPath: String?
        if let p = file.policy {
            let resolved = resolve(p, relativeTo: path)
            switch loadPolicy(p, resolved: resolved, tree: tree, policies: &policies) {
            case .failure(let refusal):
                sink.emit(.testPolicyMissing, refusal.message, at: file.policyLocation, hint: refusal.hint)
            case .success(let loaded):
                policyPath = resolved
                if let policy = loaded.policy {
                    let known = ExpectationCheck.Known(policy.table)
                    for c in file.cases { ExpectationCheck.impossible(c.expect, known: known, into: &sink) }
                }
            }
        }
        return CheckedFile(file: file, diagnostics: Self.unique(sink.diagnostics.sorted()), policyPath: policyPath)
    }

    /// Why a test file's policy was not read (HP700).
    struct PolicyRefusal: Error {
        var message: String
        var hint: String
    }

    /// Loads the policy `written` (as the test file writes it; `resolved` against the test
    /// file's folder) when it is a file inside `tree`: a relative path whose spelling stays
    /// inside and that still lies inside once symlinks are resolved, a regular file (never a
    /// FIFO or device), and, when it does not load, something that is a policy at all (a YAML
    /// mapping with `version`, or a compiled table), since an invalid policy's lines are
    /// shown: what is not a policy is never quoted.
    static func loadPolicy(_ written: String, resolved: String, tree: FileTree?,
                           policies: inout [String: TestPolicy]) -> Result<LoadedPolicy, PolicyRefusal> {
        let inside = "a test file's policy must lie inside the folder being tested: the folder given to test, or for a test file named by itself the current folder (or the test file's folder when it lies elsewhere)"
        guard let tree else {
            return .failure(PolicyRefusal(message: "the policy '\(written)' is not read: the current folder cannot be resolved", hint: inside))
        }
        guard !written.hasPrefix("/") else {
            return .failure(PolicyRefusal(message: "the policy '\(written)' is an absolute path; a test file names its policy relative to itself, inside \(tree.name)",
                                          hint: "write the path relative to this test file, e.g. 'policy: payments.yaml'"))
        }
        guard tree.spells(resolved) else {
            return .failure(PolicyRefusal(message: "the policy '\(written)' (\(resolved)) is outside \(tree.name), the folder being tested; not read", hint: inside))
        }
        if let cached = policies[resolved], case .inside = tree.locate(resolved) { return .success(cached.loaded) }
        let read: Result<[UInt8], PolicyFiles.Refusal>
        do throws(InputFailure) {
            read = try PolicyFiles.readInside(resolved, tree: tree, limit: PolicyFiles.maxTableBytes, narrow: PolicyFiles.policyLimit)
        } catch {
            return .failure(PolicyRefusal(message: "the policy '\(written)' cannot be read (\(error.description))", hint: "the path is relative to the test file"))
        }
        let bytes: [UInt8]
        switch read {
        case .success(let b): bytes = b
        case .failure(.missing):
            return .failure(PolicyRefusal(message: "the policy '\(written)' does not exist (looked for \(resolved))", hint: "the path is relative to the test file"))
        case .failure(.outside):
            return .failure(PolicyRefusal(message: "the policy '\(written)' (\(resolved)) leads outside \(tree.name), the folder being tested, through a symlink; not read", hint: inside))
        case .failure(.loop):
            return .failure(PolicyRefusal(message: "the policy '\(written)' (\(resolved)) is a symlink loop", hint: "the path is relative to the test file"))
        case .failure(.notRegular(let kind)):
            return .failure(PolicyRefusal(message: "the policy '\(written)' (\(resolved)) is \(kind), not a regular file; not read", hint: "name the policy file itself"))
        case .failure(.unreadable(let why)):
            return .failure(PolicyRefusal(message: "the policy '\(written)' (\(resolved)) cannot be read (\(why))", hint: "the path is relative to the test file"))
        }
        let loaded = CompiledPolicy.load(bytes: bytes, file: resolved)
        if loaded.policy == nil, !isPolicy(bytes, file: resolved) {
            return .failure(PolicyRefusal(message: "the policy '\(written)' (\(resolved)) is not a policy file (neither a YAML mapping with 'version' nor a compiled table); nothing of it is shown",
                                          hint: "name the policy this test file tests"))
        }
        policies[resolved] = TestPolicy(loaded: loaded, source: loaded.policy == nil ? bytes : [])
        return .success(loaded)
    }

    /// Whether `bytes` are a policy at all, valid or not: a compiled table, or YAML whose top
    /// level is a mapping with a `version` key. A file too large to be read as YAML counts
    /// (its only finding says so and quotes nothing).
    static func isPolicy(_ bytes: [UInt8], file: String) -> Bool {
        if PolicyCompilation.looksLikeTable(bytes) || PolicyLoader.startsLikeTable(bytes) || bytes.count > SyntaxLimits.maxFileBytes { return true }
        guard case .mapping(let pairs)? = YAMLParser.parse(bytes, file: file).root?.content else { return false }
        return pairs.contains { $0.key.sameBytes(as: "version") }
    }

    /// `lint` of a test file: the diagnostics `test` would stop at (no case runs); its policy
    /// must lie inside `tree`.
    package static func lint(_ bytes: [UInt8], file: String, tree: FileTree?) -> [Diagnostic] {
        var policies: [String: TestPolicy] = [:]
        return check(bytes, path: file, tree: tree, policies: &policies).diagnostics
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
        return FileTree.normalized(String(file[...slash]) + policy)
    }
}
