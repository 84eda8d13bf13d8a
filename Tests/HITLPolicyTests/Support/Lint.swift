@testable import HITLPolicy

/// Lints a policy text given inline. With `table`, also the checks `lint` runs on the
/// compiled table (`TableChecks`), as `hitl-policy lint` does.
func lintText(_ text: String, file: String = "test.yaml", table: Bool = false) -> [Diagnostic] {
    PolicyLoader.load(Array(text.utf8), file: file, checkTableSize: table).diagnostics
}

/// The ids of the codes a policy text produces.
func codes(_ text: String) -> Set<String> {
    Set(lintText(text).map(\.code.id))
}
