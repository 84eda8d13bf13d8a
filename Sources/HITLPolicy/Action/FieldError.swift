/// One problem that makes an action invalid, as the reader records it (the public form is
/// `ActionError`, which `Decision.errors` gives).
package struct FieldError: Hashable, Sendable {
    /// The field (nil when the line as a whole is at fault).
    package var field: String?
    /// What is wrong.
    package var message: String
    /// Creates one.
    package init(field: String?, message: String) {
        self.field = field
        self.message = message
    }
}
