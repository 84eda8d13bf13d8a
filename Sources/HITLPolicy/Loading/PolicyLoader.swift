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
        let result = load(decoded, diagnostics, checkTableSize: checkTableSize)
        // `x-lint` keys silence warnings and notes; they never change the policy.
        guard !decoder.suppressions.isEmpty else { return result }
        return Result(policy: result.policy,
                      diagnostics: LintSuppressions.apply(decoder.suppressions, to: result.diagnostics).sorted())
    }

    /// Validates a decoded policy (nil: decoding failed) after `diagnostics`.
    static func load(_ decoded: Policy?, _ diagnostics: [Diagnostic], checkTableSize: Bool) -> Result {
        var diagnostics = diagnostics
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

extension PolicyLoader {
    /// Why `bytes` are not policy source when they are a compiled decision table (or the
    /// start of one cut short), for `lint` and `compile`: one clear error instead of a list
    /// of YAML findings about JSON. Nil for anything else.
    package static func compiledTableMessage(_ bytes: [UInt8], file: String) -> String? {
        let complete = PolicyCompilation.looksLikeTable(bytes)
        guard complete || startsLikeTable(bytes) else { return nil }
        let what = complete && endsLikeJSON(bytes) ? "this is a compiled decision table (`hitl-policy compile` output)"
            : "this looks like a compiled decision table cut short (`hitl-policy compile` output that ends early)"
        return "\(file): \(what), not policy source: give the YAML policy it was compiled from, or give the table to `eval --policy` or `diff`, which read tables"
    }

    /// A table's first member is `approvers` (keys are sorted), which is no key of a policy:
    /// `{"approvers":` starts a table even when the format marker was cut off.
    static func startsLikeTable(_ bytes: [UInt8]) -> Bool {
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard let open = bytes.firstIndex(where: { !blank($0) }), bytes[open] == 0x7B,
              let key = bytes[(open + 1)...].firstIndex(where: { !blank($0) }) else { return false }
        return bytes[key...].starts(with: Array("\"approvers\"".utf8))
    }

    /// Whether the last non-blank byte closes the object (a complete artifact ends in `}`).
    static func endsLikeJSON(_ bytes: [UInt8]) -> Bool {
        bytes.last(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == 0x7D
    }
}
