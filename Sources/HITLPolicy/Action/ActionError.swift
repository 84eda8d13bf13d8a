/// One problem that makes an action invalid.
public struct ActionError: Hashable, Sendable {
    /// The field (nil when the line as a whole is at fault).
    public var field: String?
    /// What is wrong.
    public var message: String
}
