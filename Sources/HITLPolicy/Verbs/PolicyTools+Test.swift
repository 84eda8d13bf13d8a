extension PolicyTools {
    /// `hitl-policy test PATH…`: finds the test files under `paths` and runs the cases whose
    /// name `select` accepts, measuring row coverage when asked. Throws when a path cannot be
    /// read or holds no test file.
    package static func test(paths: [String], select: (String) -> Bool, coverage: Bool) throws(InputFailure) -> TestRun {
        TestRunner.run(files: try TestRunner.discover(paths), select: select, coverage: coverage)
    }

    /// What `test --generate POLICY` produced.
    package enum Generated {
        /// The test file's text.
        case text(String)
        /// The policy did not load: its errors (with its source, to show their lines) and
        /// why, when that is no finding; exit with `status`.
        case invalid(errors: [Diagnostic], source: [UInt8], failure: String?, status: Int32)
        /// No test file can be written for it (too many rows): a failure of the run.
        case refused(String)
    }

    /// `hitl-policy test --generate POLICY [-o OUTPUT]`: a test file with one case per
    /// decision-table row, naming the policy relative to where the file goes (`output`, or
    /// the current folder).
    package static func generateTests(policy: String, output: String?) -> Generated {
        let loaded = CompiledPolicy.load(path: policy)
        guard let compiled = loaded.policy else {
            let errors = loaded.diagnostics.filter { $0.severity == .error }
            let source = errors.isEmpty ? [] : (try? PolicyFiles.read(policy)) ?? []
            return .invalid(errors: errors, source: source, failure: loaded.failure,
                            status: loaded.failure != nil && errors.isEmpty && !PolicyFiles.exists(policy) ? 2 : 1)
        }
        // A test file names its policy by a relative path inside the folder tested.
        let base = try? FileTree.current().resolved
        let reference = TestGenerator.relativePath(to: policy, from: output ?? "generated.test.yaml", base: base)
        var command = "hitl-policy test --generate \(policy)"
        if let output { command += " -o \(output)" }
        let rows = PolicyRows(compiled, maxRows: TestRunner.maxCases)
        if rows.truncated {
            return .refused("\(policy): the decision table has more than \(TestRunner.maxCases) rows, more cases than one test file may hold; write cases by hand, with matrices")
        }
        do {
            return .text(try TestGenerator.generate(policyReference: reference, command: command, rows: rows, compiled: compiled))
        } catch {
            return .refused("\(policy): \(error.description)")
        }
    }
}
