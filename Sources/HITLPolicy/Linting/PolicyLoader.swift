/// The front end in one call: YAML bytes → positioned tree → `Policy` → validated.
package enum PolicyLoader {
    /// What loading a file produced.
    package struct Result: Sendable {
        /// The policy, when the file decoded with no errors.
        package var policy: Policy?
        /// Every finding, sorted by location.
        package var diagnostics: [Diagnostic]

        /// True when a finding is an error.
        package var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// Parses, decodes and validates `bytes` read from `file` (the path as the user gave it).
    /// With `checkTableSize` (lint), a policy without errors is also compiled, so that a
    /// table too large to build is a finding (`TableSizeCheck`), and the checks that need
    /// the table run on it (`TableChecks`).
    package static func load(_ bytes: [UInt8], file: String, checkTableSize: Bool = false) -> Result {
        let document = YAMLParser.parse(bytes, file: file)
        var diagnostics = document.diagnostics
        guard let root = document.root, !diagnostics.contains(where: Self.isFatalSyntax) else {
            return Result(policy: nil, diagnostics: diagnostics.sorted())
        }
        var decoder = PolicyDecoder(file: file)
        let decoded = decoder.decode(root)
        diagnostics += decoder.sink.diagnostics
        guard let policy = decoded else { return Result(policy: nil, diagnostics: diagnostics.sorted()) }
        var semantic = Validator.validate(policy)
        let hasErrors = diagnostics.contains { $0.severity == .error } || semantic.contains { $0.severity == .error }
        if hasErrors { semantic.removeAll { Validator.wholePolicyCodes.contains($0.code) } }
        diagnostics += semantic
        if !hasErrors, checkTableSize {
            switch TableSizeCheck.compiled(policy) {
            case .failure(let tooLarge): return Result(policy: nil, diagnostics: (diagnostics + [tooLarge.finding]).sorted())
            case .success(let table): diagnostics += TableChecks.run(policy, table: table)
            }
        }
        return Result(policy: hasErrors ? nil : policy, diagnostics: diagnostics.sorted())
    }

    /// Syntax errors after which the tree is incomplete (duplicate and non-scalar keys are
    /// reported but leave a usable tree).
    static func isFatalSyntax(_ d: Diagnostic) -> Bool {
        d.severity == .error && d.code != .duplicateKey && d.code != .nonScalarKey
    }
}
