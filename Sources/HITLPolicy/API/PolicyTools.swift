/// The command line's other entry points as library calls, each returning its report
/// (render with the `Rendering/` reporters, or read the values).
public enum PolicyTools {
    /// Lints one policy's bytes (`hitl-policy lint`): every finding, sorted by location.
    public static func lint(_ bytes: [UInt8], file: String) -> FileReport {
        Linter.lint(bytes, file: file)
    }

    /// Lints files and folders as `hitl-policy lint PATH…` does. Throws only when a path
    /// cannot be read.
    public static func lint(paths: [String]) throws(InputError) -> LintReport {
        try Linter.lint(paths: paths)
    }

    /// Compiles YAML policy source to its table artifact (`hitl-policy compile`): the
    /// artifact bytes, or the reasons there is none.
    public static func compile(_ bytes: [UInt8], file: String) -> (artifact: [UInt8]?, loaded: LoadedPolicy) {
        let loaded = CompiledPolicy.compile(yaml: bytes, file: file)
        return (loaded.policy?.artifact, loaded)
    }

    /// Compares two policies by meaning (`hitl-policy diff OLD NEW`). Throws when together
    /// they exceed the diagram limit.
    public static func diff(old: CompiledPolicy, new: CompiledPolicy) throws(TableTooLarge) -> DiffReport {
        try PolicyDiff.diff(old: old.table, new: new.table)
    }
}
