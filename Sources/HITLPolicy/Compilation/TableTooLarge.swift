/// The table grew past `TableCompiler.maxNodes`: the policy's rules combine into more
/// distinct regions than the compiler will hold.
public struct TableTooLarge: Error, Sendable {
    /// Nodes built when the compiler stopped.
    public var nodes: Int
    /// The rules of the diagram that grew too large (numbers into the rules compiled), ascending.
    public var rules: [Int] = []
}
