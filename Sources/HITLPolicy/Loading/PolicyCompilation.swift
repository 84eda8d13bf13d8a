/// Turns a policy file — YAML source or a compiled JSON table — into a `DecisionTable`.
package enum PolicyCompilation {
    /// What loading produced: a table, or the reasons there is none.
    package struct Result: Sendable {
        /// The table, when the policy is valid.
        package var table: DecisionTable?
        /// Lint findings (YAML input only).
        package var diagnostics: [Diagnostic]
        /// Why there is no table, when that is not a lint finding (bad compiled table, too large).
        package var failure: String?
    }

    /// Compiles YAML policy source (without decision diagrams when `diagrams` is false; see
    /// `TableCompiler.compile`).
    package static func compile(_ bytes: [UInt8], file: String, diagrams: Bool = true) -> Result {
        let loaded = PolicyLoader.load(bytes, file: file)
        guard let policy = loaded.policy else { return Result(table: nil, diagnostics: loaded.diagnostics) }
        do throws(DiagramTooLarge) {
            let table = try TableCompiler.compile(policy, digest: Digest.of(bytes), diagrams: diagrams)
            return Result(table: table, diagnostics: loaded.diagnostics)
        } catch {
            // The finding `lint` reports for this policy.
            return Result(table: nil, diagnostics: (loaded.diagnostics + [TableSizeCheck.diagnostic(policy, error)]).sorted())
        }
    }

    /// Loads either form: a compiled table (a JSON object whose `format` is
    /// `hitl-policy-table`) or YAML source.
    package static func load(_ bytes: [UInt8], file: String, diagrams: Bool = true) -> Result {
        if looksLikeTable(bytes) { return loadTable(bytes, file: file) }
        return compile(bytes, file: file, diagrams: diagrams)
    }

    /// Reads a compiled table and accepts it only whole: well formed, consistent
    /// (`validate`), unchanged since `compile` wrote it (`TableDigest`), and with diagrams
    /// that decide exactly what its rules say (`diagramsProblem`). Each check names what
    /// it found; the first that fails is the one error.
    ///
    /// `checkingDigest: false` skips the digest alone (the fuzz harness and the mutation
    /// test use it to reach the checks after it, as a table whose digest was rewritten would).
    static func loadTable(_ bytes: [UInt8], file: String, checkingDigest: Bool = true) -> Result {
        let read: (table: DecisionTable, digest: String?)
        do throws(TableArtifactReader.Failure) {
            read = try TableArtifactReader.readRecorded(bytes)
        } catch {
            let message = error.asIs ? error.message : "not a valid compiled table (\(error.message))"
            return Result(table: nil, diagnostics: [], failure: "\(file): \(message)")
        }
        let table = read.table
        let problem = table.validate()
            ?? (checkingDigest ? TableDigest.problem(table, recorded: read.digest) : nil)
            ?? table.diagramsProblem()
        if let problem { return Result(table: nil, diagnostics: [], failure: "\(file): \(problem)") }
        return Result(table: table, diagnostics: [])
    }

    /// Whether a file starting with `prefix` could be a compiled table (its first character
    /// after white space is `{`); anything else is YAML source and gets YAML's size bound.
    package static func mayBeTable(prefix: [UInt8]) -> Bool {
        prefix.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }).map { $0 == 0x7B } ?? true
    }

    /// Whether `bytes` are a compiled table: a JSON object that names the table format.
    package static func looksLikeTable(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }), first == 0x7B else { return false }
        let marker = Array("\"hitl-policy-table\"".utf8)
        return bytes.withUnsafeBufferPointer { b in
            guard b.count >= marker.count else { return false }
            for k in 0...(b.count - marker.count) where b[k] == marker[0] && b[k..<(k + marker.count)].elementsEqual(marker) { return true }
            return false
        }
    }

    /// The JSON artifact: deterministic bytes (sorted keys, no timestamps), with a final newline.
    package static func artifact(_ table: DecisionTable) -> String {
        String(decoding: artifactBytes(table), as: UTF8.self)
    }

    /// The JSON artifact as bytes.
    package static func artifactBytes(_ table: DecisionTable) -> [UInt8] {
        TableArtifactWriter.artifact(table)
    }
}
