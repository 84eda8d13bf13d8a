/// The tool's name and version, as reported in SARIF and `--version`.
public enum ToolInfo {
    /// Command name.
    public static let name = "hitl-policy"
    /// Semantic version of this build.
    public static let version = "0.1.0"
    /// Project page.
    public static let informationURI = "https://github.com/hitl-policy/hitl-policy"
}
