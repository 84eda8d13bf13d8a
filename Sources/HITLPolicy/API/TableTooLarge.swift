/// The table grew past the compiler's node limit: the policies' rules combine into more
/// distinct regions than the compiler will hold.
public struct TableTooLarge: Error, Sendable {
    /// Nodes built when the compiler stopped.
    public var nodes: Int
    /// The rules of the diagram that grew too large (numbers into the rules compiled), ascending.
    public var rules: [Int] = []

    /// The compiler's error, as the public door reports it.
    package init(_ error: DiagramTooLarge) {
        nodes = error.nodes
        rules = error.rules
    }
}
