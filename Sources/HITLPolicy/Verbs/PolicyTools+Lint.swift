extension PolicyTools {
    /// Lints one policy's bytes (`hitl-policy lint`): every finding, sorted by location. A
    /// test file (`*.test.yaml`) is checked as `test` checks it before running its cases.
    public static func lint(_ bytes: [UInt8], file: String) -> FileReport {
        Linter.lint(bytes, file: file)
    }

    /// Lints files and folders as `hitl-policy lint PATH…` does (`-` is standard input). A
    /// path that cannot be checked is a `failed` file of the report; throws only when
    /// standard input is named twice.
    public static func lint(paths: [String]) throws(InputError) -> LintReport {
        do { return try Linter.lint(paths: paths) } catch { throw InputError(error) }
    }
}
