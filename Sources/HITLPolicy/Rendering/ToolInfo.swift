/// The tool's name and version, as reported in SARIF and `--version`.
package enum ToolInfo {
    /// Command name.
    package static let name = "hitl-policy"
    /// Semantic version of this build.
    package static let version = "0.1.0"
    /// Project page.
    package static let informationURI = "https://github.com/hitl-policy/hitl-policy"
}
