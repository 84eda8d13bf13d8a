@testable import HITLPolicy

/// Lints a policy text given inline.
func lintText(_ text: String, file: String = "test.yaml") -> [Diagnostic] {
    PolicyLoader.load(Array(text.utf8), file: file, checkTableSize: true).diagnostics
}

/// The ids of the codes a policy text produces.
func codes(_ text: String) -> Set<String> {
    Set(lintText(text).map(\.code.id))
}
