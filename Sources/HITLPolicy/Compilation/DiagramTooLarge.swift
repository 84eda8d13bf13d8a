/// A diagram grew past `TableCompiler.maxNodes`: the policy's rules combine into more
/// distinct regions than the compiler will hold. The public door reports it as
/// `TableTooLarge`.
package struct DiagramTooLarge: Error, Sendable {
    /// Nodes built when the compiler stopped.
    package var nodes: Int
    /// The rules of the diagram that grew too large (numbers into the rules compiled), ascending.
    package var rules: [Int] = []
}
