/// One problem that makes an action invalid (`Decision.errors`).
public struct ActionError: Hashable, Sendable {
    /// The field (nil when the line as a whole is at fault).
    public var field: String?
    /// What is wrong.
    public var message: String
    /// Creates one.
    public init(field: String?, message: String) {
        self.field = field
        self.message = message
    }

    init(_ e: FieldError) { self.init(field: e.field, message: e.message) }
}
